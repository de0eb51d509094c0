package org.rispacs.app.hl7;

import java.util.List;
import java.util.Optional;
import org.rispacs.hl7.outbound.SentCharges;
import org.springframework.jdbc.core.JdbcTemplate;

/** Charges the once-only sender of earlier versions recorded in table {@code hl7_outbound_charge_message}. */
class JdbcSentCharges implements SentCharges {

    private final JdbcTemplate jdbc;

    JdbcSentCharges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> acceptedBefore(String chargeId) {
        List<String> codes = jdbc.queryForList("SELECT ack_code FROM hl7_outbound_charge_message"
                + " WHERE charge_id = ? AND ack_code IN ('AA', 'CA')", String.class, chargeId);
        return codes.stream().findFirst();
    }
}
