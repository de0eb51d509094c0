package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirPatientVersions;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirPatientReplayTest {

    private static final PatientIdentifier WALK_IN = new PatientIdentifier("W7", "ER");
    private static final PatientIdentifier DUPLICATE = new PatientIdentifier("W7-DUP", "ER");
    private static final Demographics DOE = new Demographics(new PersonName("Doe", "Jane", null, null, null),
            LocalDate.of(1980, 1, 2), "F");
    private static final Demographics DOE_CORRECTED = new Demographics(DOE.name(), LocalDate.of(1980, 1, 3), "F");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private final ProjectionHarness live = new ProjectionHarness(new FhirPatientProjection(indexes));
    private final InMemoryReadModelIndex patients = indexes.index(FhirPatientProjection.PATIENTS);
    private final List<EventMessage<?>> published = new ArrayList<>();

    @Test
    void eachEventThatChangedThePatientIsAVersionFromWhicheverAggregateItCame() {
        publish("order-1", 0, new OrderPlacedEvent("order-1", WALK_IN, null, new ProcedureCode("CT1", "LOCAL", "CT"),
                "CT", OrderPriority.ROUTINE, null, null));
        publish(WALK_IN.toString(), 0, new PatientRegisteredEvent(WALK_IN, DOE));
        publish(DUPLICATE.toString(), 0, new PatientRegisteredEvent(DUPLICATE, DOE));
        publish(DUPLICATE.toString(), 1, new PatientsMergedEvent(DUPLICATE, WALK_IN));
        publish("order-2", 0, new OrderPlacedEvent("order-2", WALK_IN, null, new ProcedureCode("CT1", "LOCAL", "CT"),
                "CT", OrderPriority.ROUTINE, null, null));
        publish(WALK_IN.toString(), 1, new PatientDemographicsUpdatedEvent(WALK_IN, DOE_CORRECTED));

        List<FhirPatient> versions = history(WALK_IN).versions();

        assertThat(versions).extracting(FhirPatient::version).containsExactly(1, 2, 3, 4);
        assertThat(versions.get(0).demographics()).as("known from the order alone").isNull();
        assertThat(versions.get(1).demographics()).isEqualTo(DOE);
        assertThat(versions.get(1).replaces()).isEmpty();
        assertThat(versions.get(2).replaces()).containsExactly(DUPLICATE);
        assertThat(versions.get(3).demographics()).isEqualTo(DOE_CORRECTED);
        assertThat(versions).extracting(FhirPatient::lastUpdated).containsExactly(published.get(0).getTimestamp(),
                published.get(1).getTimestamp(), published.get(3).getTimestamp(), published.get(5).getTimestamp());
        assertThat(versions.getLast()).as("read and history agree").isEqualTo(read(WALK_IN));

        List<FhirPatient> merged = history(DUPLICATE).versions();
        assertThat(merged).extracting(FhirPatient::version).containsExactly(1, 2);
        assertThat(merged.get(0).active()).isTrue();
        assertThat(merged.get(1).active()).isFalse();
        assertThat(merged.get(1).replacedBy()).isEqualTo(WALK_IN);
        assertThat(merged.getLast()).isEqualTo(read(DUPLICATE));
    }

    @Test
    void noEventsNoVersions() {
        assertThat(FhirPatientReplay.of(FhirPatientIds.of(WALK_IN), Stream.empty()).versions()).isEmpty();
    }

    /** The events the read model names for the patient, as the event store would give them again. */
    private FhirPatientVersions history(PatientIdentifier patient) {
        List<FhirPatientChange> changes = patients.find(FhirPatientIds.of(patient), FhirPatientDocument.class)
                .changes();
        assertThat(changes).allSatisfy(change -> assertThat(change.aggregateId()).isNotNull());
        return FhirPatientReplay.of(FhirPatientIds.of(patient), changes.stream().map(change -> published.stream()
                .filter(event -> event instanceof DomainEventMessage<?> domain
                        && domain.getAggregateIdentifier().equals(change.aggregateId())
                        && domain.getSequenceNumber() == change.sequence())
                .findFirst().orElseThrow()));
    }

    private FhirPatient read(PatientIdentifier patient) {
        return patients.find(FhirPatientIds.of(patient), FhirPatientDocument.class).answer();
    }

    private void publish(String aggregateId, long sequence, Object payload) {
        published.add(live.publish(aggregateId, sequence, payload, Map.of()));
    }
}
