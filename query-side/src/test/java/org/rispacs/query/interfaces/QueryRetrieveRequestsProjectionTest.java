package org.rispacs.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

/** One document per Q/R request answered (their counting per AE and kind: OrthancQueryRetrieveIT). */
class QueryRetrieveRequestsProjectionTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex requests;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new QueryRetrieveRequestsProjection(null, indexes));
        requests = indexes.index("qr-requests");
    }

    @Test
    void eachRequestIsOneDocumentWhetherOrNotItNamedPatients() {
        EventMessage<?> find = viewed(QueryRetrieveViews.find("STUDY"), "WS1", List.of(PATIENT, PATIENT));
        EventMessage<?> nothing = viewed(QueryRetrieveViews.find("PATIENT"), "WS1", List.of());
        EventMessage<?> move = viewed(QueryRetrieveViews.MOVE, "ORTHANC", List.of());

        assertThat(requests.documents()).hasSize(3);
        assertThat(requests.find(find.getIdentifier())).isEqualTo(Map.of("callingAeTitle", "WS1", "kind", "find",
                "level", "STUDY", "patients", 2, "requestedAt", find.getTimestamp().toString()));
        assertThat(requests.find(nothing.getIdentifier())).containsEntry("patients", 0)
                .containsEntry("level", "PATIENT");
        assertThat(requests.find(move.getIdentifier())).containsEntry("kind", "move")
                .containsEntry("callingAeTitle", "ORTHANC").containsEntry("level", null);
    }

    @Test
    void aKindNotKnownTodayIsCountedAsItsViewNamesIt() {
        EventMessage<?> get = viewed(QueryRetrieveViews.GET, "WS2", List.of(PATIENT));
        EventMessage<?> later = viewed("dicom-echo-of-the-future", "WS2", List.of());

        assertThat(requests.find(get.getIdentifier())).containsEntry("kind", "get").containsEntry("patients", 1);
        assertThat(requests.find(later.getIdentifier())).containsEntry("kind", "echo-of-the-future");
    }

    @Test
    void otherViewsAndOtherActorsAreNoRequests() {
        events.publish("p1", 0, new PatientDataViewedEvent("dicomweb", List.of(PATIENT), null, null, "1.2.3", null),
                Map.of(AuditMetadata.ACTOR, "rad1", AuditMetadata.CHANNEL, "http"));
        events.publish("p1", 1, new PatientDataViewedEvent("order", List.of(PATIENT), "o1", null, null, null),
                Map.of(AuditMetadata.ACTOR, "dicom:WS1", AuditMetadata.CHANNEL, "dicom"));
        events.publish("p1", 2, new PatientDataViewedEvent(QueryRetrieveViews.MOVE, List.of(), null, null, null,
                null), Map.of(AuditMetadata.ACTOR, "rad1", AuditMetadata.CHANNEL, "http"));
        events.publish(new PatientDataViewedEvent(QueryRetrieveViews.MOVE, List.of(), null, null, null, null));

        assertThat(requests.documents()).isEmpty();
    }

    @Test
    void replayingOverTheIndexOrAfterAResetGivesTheSameDocuments() {
        viewed(QueryRetrieveViews.find("SERIES"), "WS1", List.of(PATIENT));
        viewed(QueryRetrieveViews.MOVE, "WS1", List.of());
        Map<String, Map<String, Object>> live = requests.documents();

        events.replayOver();
        assertThat(requests.documents()).isEqualTo(live);
        events.rebuild();
        assertThat(requests.documents()).isEqualTo(live).hasSize(2);
    }

    private EventMessage<?> viewed(String view, String callingAeTitle, List<PatientIdentifier> patients) {
        return events.publish("qr", 0, new PatientDataViewedEvent(view, patients, null, null, null, null),
                Map.of(AuditMetadata.ACTOR, QueryRetrieveViews.actor(callingAeTitle), AuditMetadata.CHANNEL,
                        "dicom"));
    }
}
