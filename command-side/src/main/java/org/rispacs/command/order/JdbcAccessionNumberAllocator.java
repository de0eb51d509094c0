package org.rispacs.command.order;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Allocates accession numbers from a database sequence and records each in a registry table
 * whose primary key makes two orders holding one number impossible, even across application
 * instances. The insert joins the transaction that stores the order's events.
 */
@Component
class JdbcAccessionNumberAllocator implements AccessionNumberAllocator {

    private static final int DIGITS = 9;

    private final JdbcTemplate jdbc;
    private final String prefix;

    JdbcAccessionNumberAllocator(JdbcTemplate jdbc, @Value("${ris.accession.prefix:RIS}") String prefix) {
        if (prefix.length() + DIGITS > 16 || !prefix.matches("[A-Z0-9]*")) {
            throw new IllegalArgumentException(
                    "ris.accession.prefix must be at most " + (16 - DIGITS) + " upper-case letters or digits");
        }
        this.jdbc = jdbc;
        this.prefix = prefix;
    }

    @Override
    public String allocate(String orderId) {
        while (true) {
            long next = jdbc.queryForObject("SELECT nextval('accession_number_seq')", Long.class);
            String candidate = prefix + String.format("%0" + DIGITS + "d", next);
            // A number supplied by a placer may already hold this value: skip it rather than fail.
            int inserted = jdbc.update(
                    "INSERT INTO accession_number_registry (accession_number, order_id) VALUES (?, ?)"
                            + " ON CONFLICT (accession_number) DO NOTHING",
                    candidate, orderId);
            if (inserted == 1) {
                return candidate;
            }
        }
    }
}
