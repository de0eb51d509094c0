package org.rispacs.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.rispacs.api.study.InstancesReceivedEvent;

/**
 * Reads {@code InstancesReceivedEvent} revision 1 as revision 2: the study and series details and
 * the instances' image attributes were not kept then, so they read as absent (null). Nothing in
 * the event store is rewritten.
 */
final class InstancesReceivedEventUpcaster extends SingleEventUpcaster {

    private static final String TYPE = InstancesReceivedEvent.class.getName();
    private static final String STORED_REVISION = "1";
    private static final String REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return TYPE.equals(stored.getType().getName()) && STORED_REVISION.equals(stored.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        return stored.upcastPayload(new SimpleSerializedType(TYPE, REVISION), JsonNode.class, json -> {
            ObjectNode event = (ObjectNode) json;
            event.putNull("studyDetails");
            event.putNull("seriesDetails");
            for (JsonNode instance : event.path("instances")) {
                if (instance instanceof ObjectNode fields) {
                    fields.putNull("instanceNumber");
                    fields.putNull("rows");
                    fields.putNull("columns");
                    fields.putNull("numberOfFrames");
                }
            }
            return event;
        });
    }
}
