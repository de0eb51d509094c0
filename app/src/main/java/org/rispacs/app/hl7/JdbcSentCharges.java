package org.rispacs.app.hl7;

import org.rispacs.hl7.outbound.AckOutcome;
import org.rispacs.hl7.outbound.SentCharges;
import org.springframework.jdbc.core.JdbcTemplate;

/** Charge messages sent, in table {@code hl7_outbound_charge_message}. */
class JdbcSentCharges implements SentCharges {

    private final JdbcTemplate jdbc;

    JdbcSentCharges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isSent(String chargeId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM hl7_outbound_charge_message WHERE charge_id = ?",
                Integer.class, chargeId);
        return count != null && count > 0;
    }

    @Override
    public void record(String chargeId, String destination, String controlId, AckOutcome outcome) {
        jdbc.update("INSERT INTO hl7_outbound_charge_message (charge_id, destination, control_id, ack_code, error)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                chargeId, destination, controlId, outcome.ackCode(), outcome.error());
    }

    int failedCount() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM hl7_outbound_charge_message"
                + " WHERE ack_code IS NULL OR ack_code NOT IN ('AA', 'CA')", Integer.class);
        return count == null ? 0 : count;
    }
}
