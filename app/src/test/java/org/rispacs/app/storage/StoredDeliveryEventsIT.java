package org.rispacs.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.interfaces.DestinationHealth;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A delivery whose events the PostgreSQL event store holds under their first names (the
 * {@code Report*} events, aggregate type {@code ReportDelivery}) is read as today's
 * {@code Delivery*} events: the aggregate loads from them and goes on, and the interface-health
 * read model counts them with the events that follow. HL7 sending is off: nothing here is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StoredDeliveryEventsIT extends ApplicationTest {

    private static final String STORED = "org.rispacs.api.delivery.";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.quickDeliveryRetries(registry, 2);
        registry.add("ris.hl7.outbound-enabled", () -> "false");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChargeDeliveryStoredUnderTheFirstNamesLoadsAndGoesOn() {
        String destination = "BILLING-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "charge/charge-stored/" + destination;
        store(id, 0, "ChargeDeliveryScheduledEvent", "{\"deliveryId\":\"" + id + "\",\"chargeId\":\"charge-stored\","
                + "\"orderId\":\"order-stored\",\"destination\":\"" + destination + "\"}");
        store(id, 1, "ReportDeliveryAttemptedEvent", "{\"deliveryId\":\"" + id + "\",\"attempt\":1,"
                + "\"acknowledged\":false,\"ackCode\":null,\"error\":\"connection refused\"}");
        store(id, 2, "ReportDeliveryRetryDueEvent", "{\"deliveryId\":\"" + id + "\",\"attempt\":2}");

        assertThat(payloads(id)).containsExactly(
                new DeliveryScheduledEvent(id, DeliveryKind.CHARGE, destination, "order-stored", null, null,
                        "charge-stored", null),
                new DeliveryAttemptedEvent(id, 1, false, null, "connection refused"),
                new DeliveryRetryDueEvent(id, DeliveryKind.CHARGE, 2));

        DueDeliveryAttempt due = commands.sendAndWait(new FindDueDeliveryAttemptCommand(id));
        assertThat(due).isEqualTo(new DueDeliveryAttempt(id, 2, DeliveryKind.CHARGE, destination, "order-stored",
                null, null, "charge-stored", null));
        commands.sendAndWait(new RecordDeliveryAttemptCommand(id, 2, false, "AR", "unknown account"));

        assertThat(payloads(id)).endsWith(new DeliveryAttemptedEvent(id, 2, false, "AR", "unknown account"),
                new DeliveryFailedEvent(id, DeliveryKind.CHARGE, null, destination, 2, "unknown account"));
        assertThat(jdbc.queryForList("SELECT DISTINCT type FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, id)).containsExactly("ReportDelivery");

        DestinationHealth health = eventually(() -> destination(destination), h -> h != null && h.failed() == 1);
        assertThat(health.attempts()).isEqualTo(2);
        assertThat(health.lastError()).isEqualTo("unknown account");
    }

    private void store(String aggregateId, int sequence, String storedType, String json) {
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                        + " metadata, payload, payloadrevision, payloadtype, timestamp)"
                        + " VALUES (?, ?, 'ReportDelivery', ?, ?, ?, '1', ?, ?)",
                aggregateId, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), STORED + storedType, Instant.now().toString());
    }

    private List<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    private DestinationHealth destination(String name) {
        InterfaceHealth health = queries.query(new FindInterfaceHealthQuery(Instant.now(), Duration.ofHours(1),
                Duration.ofHours(1), 0, List.of()), InterfaceHealth.class).join();
        return health.destinations().stream().filter(d -> d.destination().equals(name)).findFirst().orElse(null);
    }
}
