package org.rispacs.app.fhir;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.api.fhir.FindFhirServiceRequestHistoryQuery;
import org.rispacs.query.fhir.FhirServiceRequestReplay;
import org.springframework.stereotype.Component;

/**
 * A ServiceRequest's history ({@code vread}, {@code _history}) from the order's event stream: each
 * event of the order is one version (FHIR R4 3.1.0.1.3: versions are kept and can be read). The
 * event store is the only place the earlier versions live, so this reads it, as the report
 * history of the reading page does.
 */
@Component
class ServiceRequestHistories {

    private final EventStore eventStore;

    ServiceRequestHistories(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    FhirServiceRequestVersions handle(FindFhirServiceRequestHistoryQuery query) {
        return FhirServiceRequestReplay.of(query.resourceId(), eventStore.readEvents(query.resourceId()).asStream());
    }
}
