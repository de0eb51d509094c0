package org.rispacs.app.hl7;

import java.util.Optional;
import org.rispacs.hl7.outbound.DeliveryQueue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery queues in table {@code hl7_report_delivery_queue}, ordered by insertion: report
 * versions per HL7 destination, and FHIR notifications per subscription (their own destination names).
 */
public class JdbcDeliveryQueue implements DeliveryQueue {

    private final JdbcTemplate jdbc;

    public JdbcDeliveryQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(String deliveryId, String destination) {
        jdbc.update("INSERT INTO hl7_report_delivery_queue (delivery_id, destination) VALUES (?, ?)"
                + " ON CONFLICT (delivery_id) DO NOTHING", deliveryId, destination);
    }

    @Override
    public void remove(String deliveryId) {
        jdbc.update("DELETE FROM hl7_report_delivery_queue WHERE delivery_id = ?", deliveryId);
    }

    @Override
    public Optional<String> head(String destination) {
        return jdbc.queryForList("SELECT delivery_id FROM hl7_report_delivery_queue WHERE destination = ?"
                + " ORDER BY position LIMIT 1", String.class, destination).stream().findFirst();
    }
}
