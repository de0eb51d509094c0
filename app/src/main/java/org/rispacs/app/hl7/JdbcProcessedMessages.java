package org.rispacs.app.hl7;

import java.util.List;
import java.util.Optional;
import org.rispacs.hl7.inbound.MessageKey;
import org.rispacs.hl7.inbound.ProcessedMessages;
import org.springframework.jdbc.core.JdbcTemplate;

/** Processed HL7 messages in table {@code hl7_inbound_message} of the event store's database. */
class JdbcProcessedMessages implements ProcessedMessages {

    private final JdbcTemplate jdbc;

    JdbcProcessedMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Processed> find(MessageKey key) {
        List<Processed> found = jdbc.query("SELECT content_digest, ack FROM hl7_inbound_message"
                        + " WHERE sending_application = ? AND sending_facility = ? AND control_id = ?",
                (row, n) -> new Processed(row.getString("content_digest"), row.getString("ack")),
                key.sendingApplication(), key.sendingFacility(), key.controlId());
        return found.stream().findFirst();
    }

    @Override
    public boolean record(MessageKey key, String contentDigest, String acknowledgement) {
        return jdbc.update("INSERT INTO hl7_inbound_message (sending_application, sending_facility, control_id,"
                        + " content_digest, ack) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.sendingApplication(), key.sendingFacility(), key.controlId(), contentDigest,
                acknowledgement) == 1;
    }
}
