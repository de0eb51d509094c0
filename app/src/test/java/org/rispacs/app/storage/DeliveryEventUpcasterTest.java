package org.rispacs.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.ResultStatus;

/** Delivery events as the event store holds them under their first names, read as today's events. */
class DeliveryEventUpcasterTest {

    private static final String STORED = "org.rispacs.api.delivery.";
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private int sequence;

    @Test
    void aReportDeliveryAsStoredReadsAsADeliveryOfAReportResult() {
        String id = "r1/EHR/0";
        List<Object> events = read(id,
                stored(STORED + "ReportDeliveryScheduledEvent", "{\"deliveryId\":\"r1/EHR/0\",\"reportId\":\"r1\","
                        + "\"orderId\":\"order-1\",\"destination\":\"EHR\",\"resultStatus\":\"FINAL\"}"),
                stored(STORED + "ReportDeliveryAttemptedEvent", "{\"deliveryId\":\"r1/EHR/0\",\"attempt\":1,"
                        + "\"acknowledged\":false,\"ackCode\":null,\"error\":\"connection refused\"}"),
                stored(STORED + "ReportDeliveryRetryDueEvent", "{\"deliveryId\":\"r1/EHR/0\",\"attempt\":2}"),
                stored(STORED + "ReportDeliveredEvent", "{\"deliveryId\":\"r1/EHR/0\",\"reportId\":\"r1\","
                        + "\"destination\":\"EHR\",\"ackCode\":\"AA\"}"));
        assertThat(events).containsExactly(
                new DeliveryScheduledEvent(id, DeliveryKind.REPORT_RESULT, "EHR", "order-1", "r1", ResultStatus.FINAL,
                        null, null),
                new DeliveryAttemptedEvent(id, 1, false, null, "connection refused"),
                new DeliveryRetryDueEvent(id, DeliveryKind.REPORT_RESULT, 2),
                new DeliveredEvent(id, DeliveryKind.REPORT_RESULT, "r1", "EHR", "AA"));
    }

    @Test
    void aChargeDeliveryAsStoredReadsAsADeliveryOfACharge() {
        String id = "charge/charge-o1/BILLING";
        List<Object> events = read(id,
                stored(STORED + "ChargeDeliveryScheduledEvent", "{\"deliveryId\":\"charge/charge-o1/BILLING\","
                        + "\"chargeId\":\"charge-o1\",\"orderId\":\"o1\",\"destination\":\"BILLING\"}"),
                stored(STORED + "ReportDeliveryRetryDueEvent", "{\"deliveryId\":\"charge/charge-o1/BILLING\","
                        + "\"attempt\":8}"),
                stored(STORED + "ReportDeliveryFailedEvent", "{\"deliveryId\":\"charge/charge-o1/BILLING\","
                        + "\"reportId\":null,\"destination\":\"BILLING\",\"attempts\":8,\"lastError\":\"AR\"}"));
        assertThat(events).containsExactly(
                new DeliveryScheduledEvent(id, DeliveryKind.CHARGE, "BILLING", "o1", null, null, "charge-o1", null),
                new DeliveryRetryDueEvent(id, DeliveryKind.CHARGE, 8),
                new DeliveryFailedEvent(id, DeliveryKind.CHARGE, null, "BILLING", 8, "AR"));
    }

    @Test
    void aChargeDeliveredAsStoredWithoutAReportIdIsACharge() {
        String id = "charge/charge-o1/BILLING";
        List<Object> events = read(id, stored(STORED + "ReportDeliveredEvent",
                "{\"deliveryId\":\"charge/charge-o1/BILLING\",\"destination\":\"BILLING\",\"ackCode\":\"CA\"}"));
        assertThat(events).containsExactly(new DeliveredEvent(id, DeliveryKind.CHARGE, null, "BILLING", "CA"));
    }

    @Test
    void eventsOfTodayAndOtherEventsPassUnchanged() {
        DeliveryRetryDueEvent retry = new DeliveryRetryDueEvent("d1", DeliveryKind.REPORT_RESULT, 3);
        byte[] json = serializer.serialize(retry, byte[].class).getData();
        List<Object> events = read("d1", new GenericDomainEventEntry<>("ReportDelivery", "d1", 0, "e-today",
                Instant.EPOCH, DeliveryRetryDueEvent.class.getName(), "1", json,
                "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(events).containsExactly(retry);
    }

    private GenericDomainEventEntry<byte[]> stored(String type, String json) {
        int number = sequence++;
        return new GenericDomainEventEntry<>("ReportDelivery", "aggregate", number, "e-" + number, Instant.EPOCH,
                type, "1", json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private List<Object> read(String aggregateId, GenericDomainEventEntry<byte[]>... entries) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(java.util.stream.Stream.of(entries), serializer,
                new DeliveryEventUpcaster()).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
