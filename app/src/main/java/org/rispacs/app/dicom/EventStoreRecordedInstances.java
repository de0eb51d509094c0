package org.rispacs.app.dicom;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.dicom.bridge.RecordedInstances;

/** A study's recorded instances, read from its event stream: what was recorded at ingest, with no copy to keep. */
class EventStoreRecordedInstances implements RecordedInstances {

    private final EventStore events;

    EventStoreRecordedInstances(EventStore events) {
        this.events = events;
    }

    @Override
    public Map<String, ReceivedInstance> of(String studyInstanceUid) {
        Map<String, ReceivedInstance> instances = new HashMap<>();
        events.readEvents(studyInstanceUid).asStream().map(DomainEventMessage::getPayload)
                .filter(InstancesReceivedEvent.class::isInstance).map(InstancesReceivedEvent.class::cast)
                .forEach(received -> received.instances()
                        .forEach(instance -> instances.putIfAbsent(instance.sopInstanceUid(), instance)));
        return instances;
    }
}
