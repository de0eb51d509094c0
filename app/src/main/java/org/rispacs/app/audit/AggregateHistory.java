package org.rispacs.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An order, study, report, patient, delivery or charge as it stood at an instant, computed from
 * the event store (not from a read model): its events up to then, and the state their payloads
 * add up to.
 */
@Component
class AggregateHistory {

    private final EventStore eventStore;
    private final ObjectMapper json;

    AggregateHistory(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    Optional<Map<String, Object>> asOf(String aggregateId, Instant asOf) {
        Map<String, Object> state = new LinkedHashMap<>();
        List<Map<String, Object>> history = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .forEach((DomainEventMessage<?> event) -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = json.convertValue(event.getPayload(), Map.class);
                    fields.forEach((name, value) -> {
                        if (value != null) {
                            state.put(name, value);
                        }
                    });
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("sequence", event.getSequenceNumber());
                    entry.put("type", event.getPayloadType().getSimpleName());
                    entry.put("timestamp", event.getTimestamp());
                    entry.put("metadata", event.getMetaData());
                    history.add(entry);
                });
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("aggregateId", aggregateId);
        answer.put("asOf", asOf);
        answer.put("version", history.get(history.size() - 1).get("sequence"));
        answer.put("lastEvent", history.get(history.size() - 1).get("type"));
        answer.put("state", state);
        answer.put("events", history);
        return Optional.of(answer);
    }
}
