package org.rispacs.app.fhir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.FhirDiagnosticReportVersions;
import org.rispacs.api.fhir.FhirPatientVersions;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.api.fhir.FindFhirDiagnosticReportHistoryQuery;
import org.rispacs.api.fhir.FindFhirPatientHistoryQuery;
import org.rispacs.api.fhir.FindFhirServiceRequestHistoryQuery;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.query.fhir.FhirDiagnosticReportReplay;
import org.rispacs.query.fhir.FhirPatientChange;
import org.rispacs.query.fhir.FhirPatientReplay;
import org.rispacs.query.fhir.FhirServiceRequestReplay;
import org.springframework.stereotype.Component;

/**
 * The FHIR resources' histories ({@code vread}, {@code _history}; FHIR R4 3.1.0.1.3: versions are kept and can be
 * read) from the event streams they were made of, replayed through the read models' projections. The event store
 * is the only place the earlier versions live, so this reads it, as the report history of the reading page does.
 */
@Component
class FhirHistories {

    private final EventStore eventStore;
    private final DisplayTimes times;
    private final FhirPatientReplay patients;

    FhirHistories(EventStore eventStore, DisplayTimes times, FhirPatientReplay patients) {
        this.eventStore = eventStore;
        this.times = times;
        this.patients = patients;
    }

    /** A ServiceRequest: each event of the order is one version. */
    @QueryHandler
    FhirServiceRequestVersions handle(FindFhirServiceRequestHistoryQuery query) {
        return FhirServiceRequestReplay.of(query.resourceId(), times.zone(), stream(query.resourceId()));
    }

    /** A DiagnosticReport: each event of the report is one version, with its order and study as they are now. */
    @QueryHandler
    FhirDiagnosticReportVersions handle(FindFhirDiagnosticReportHistoryQuery query) {
        List<? extends DomainEventMessage<?>> report = stream(query.reportId()).toList();
        if (report.isEmpty() || !(report.getFirst().getPayload() instanceof ReportDraftedEvent drafted)) {
            return new FhirDiagnosticReportVersions(List.of());
        }
        return FhirDiagnosticReportReplay.of(query.reportId(),
                Stream.concat(stream(drafted.orderId()), stream(drafted.studyInstanceUid())), report.stream());
    }

    /** A Patient: each event that changed its record is one version, wherever it is stored. */
    @QueryHandler
    FhirPatientVersions handle(FindFhirPatientHistoryQuery query) throws IOException {
        List<FhirPatientChange> changes = patients.changes(query.resourceId());
        Map<String, Map<Long, DomainEventMessage<?>>> byAggregate = new LinkedHashMap<>();
        changes.stream().filter(change -> change.aggregateId() != null).forEach(change -> byAggregate
                .computeIfAbsent(change.aggregateId(), any -> new LinkedHashMap<>()).put(change.sequence(), null));
        byAggregate.forEach((aggregateId, events) -> {
            long first = events.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            eventStore.readEvents(aggregateId, first).asStream()
                    .filter(event -> events.containsKey(event.getSequenceNumber()))
                    .forEach(event -> events.put(event.getSequenceNumber(), event));
        });
        List<DomainEventMessage<?>> events = new ArrayList<>();
        changes.stream().filter(change -> change.aggregateId() != null)
                .map(change -> byAggregate.get(change.aggregateId()).get(change.sequence()))
                .filter(Objects::nonNull).forEach(events::add);
        return FhirPatientReplay.of(query.resourceId(), events.stream());
    }

    private Stream<? extends DomainEventMessage<?>> stream(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream();
    }
}
