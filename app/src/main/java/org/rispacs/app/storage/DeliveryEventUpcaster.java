package org.rispacs.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;

/**
 * Reads the delivery events stored under their first names (revision 1 of
 * {@code ReportDeliveryScheduledEvent}, {@code ChargeDeliveryScheduledEvent},
 * {@code ReportDeliveryAttemptedEvent}, {@code ReportDeliveryRetryDueEvent},
 * {@code ReportDeliveredEvent}, {@code ReportDeliveryFailedEvent}: reports and charges shared the
 * events named after reports) as the {@code Delivery*} events of today, with the kind of what is
 * delivered added: a scheduled event says it by its name, a delivered or failed one by whether it
 * names a report, a retry by its delivery id. Nothing in the event store is rewritten.
 */
final class DeliveryEventUpcaster extends SingleEventUpcaster {

    private static final String STORED_PACKAGE = "org.rispacs.api.delivery.";
    private static final String STORED_REVISION = "1";
    private static final String REVISION = "1";

    /** How an old payload becomes a new one: the new type, and what its JSON gains. */
    private record Rename(Class<?> type, Consumer<ObjectNode> change) {
    }

    private static final Map<String, Rename> RENAMES = Map.of(
            STORED_PACKAGE + "ReportDeliveryScheduledEvent",
            new Rename(DeliveryScheduledEvent.class, json -> json.put("kind", DeliveryKind.REPORT_RESULT.name())),
            STORED_PACKAGE + "ChargeDeliveryScheduledEvent",
            new Rename(DeliveryScheduledEvent.class, json -> json.put("kind", DeliveryKind.CHARGE.name())),
            STORED_PACKAGE + "ReportDeliveryAttemptedEvent", new Rename(DeliveryAttemptedEvent.class, json -> { }),
            STORED_PACKAGE + "ReportDeliveryRetryDueEvent",
            new Rename(DeliveryRetryDueEvent.class, DeliveryEventUpcaster::kindById),
            STORED_PACKAGE + "ReportDeliveredEvent",
            new Rename(DeliveredEvent.class, DeliveryEventUpcaster::kindByReport),
            STORED_PACKAGE + "ReportDeliveryFailedEvent",
            new Rename(DeliveryFailedEvent.class, DeliveryEventUpcaster::kindByReport));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return RENAMES.containsKey(stored.getType().getName())
                && STORED_REVISION.equals(stored.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        Rename rename = RENAMES.get(stored.getType().getName());
        return stored.upcastPayload(new SimpleSerializedType(rename.type().getName(), REVISION), JsonNode.class,
                json -> {
                    rename.change().accept((ObjectNode) json);
                    return json;
                });
    }

    /** Only charge deliveries have ids of the form {@code charge/<charge>/<destination>} ({@code DeliveryIds}). */
    private static void kindById(ObjectNode json) {
        boolean charge = json.path("deliveryId").asText().startsWith("charge/");
        json.put("kind", (charge ? DeliveryKind.CHARGE : DeliveryKind.REPORT_RESULT).name());
    }

    /** Charges shared the report's delivered and failed events, with no report id. */
    private static void kindByReport(ObjectNode json) {
        boolean report = json.hasNonNull("reportId");
        json.put("kind", (report ? DeliveryKind.REPORT_RESULT : DeliveryKind.CHARGE).name());
    }
}
