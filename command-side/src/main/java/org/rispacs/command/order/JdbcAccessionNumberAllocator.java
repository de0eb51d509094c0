package org.rispacs.command.order;

import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accession numbers from a database sequence, recorded in a registry table whose primary key
 * makes two orders holding one number impossible, even across application instances. The
 * inserts join the transaction that stores the order's events.
 */
@Component
class JdbcAccessionNumberAllocator implements AccessionNumberAllocator, AccessionNumberLookup {

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
            // A placer may already have claimed this value: skip it rather than fail.
            if (claim(candidate, orderId)) {
                return candidate;
            }
        }
    }

    @Override
    public boolean claim(String accessionNumber, String orderId) {
        return jdbc.update("INSERT INTO accession_number_registry (accession_number, order_id) VALUES (?, ?)"
                + " ON CONFLICT (accession_number) DO NOTHING", accessionNumber, orderId) == 1;
    }

    @Override
    public Optional<String> orderIdFor(String accessionNumber) {
        List<String> orders = jdbc.queryForList(
                "SELECT order_id FROM accession_number_registry WHERE accession_number = ?", String.class,
                accessionNumber);
        return orders.stream().findFirst();
    }
}
