package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirPatientProjectionTest {

    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier MUELLER_AGAIN = new PatientIdentifier("P1-DUP", "HOSP");
    private static final Demographics MUELLER_1960 = new Demographics(
            new PersonName("Müller-Lüdenscheidt", "Hans", "Peter", "Dr", null), LocalDate.of(1960, 3, 4), "M");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex patients;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new FhirPatientProjection(indexes));
        patients = indexes.index(FhirPatientProjection.PATIENTS);
    }

    @Test
    void aRegisteredPatientHasItsDemographicsAndAVersionPerChangeThatAReplayDoesNotCountAgain() {
        events.publish(MUELLER.toString(), 0, new PatientRegisteredEvent(MUELLER, MUELLER_1960), Map.of());
        Demographics corrected = new Demographics(MUELLER_1960.name(), LocalDate.of(1960, 3, 5), "M");
        events.publish(MUELLER.toString(), 1, new PatientDemographicsUpdatedEvent(MUELLER, corrected), Map.of());
        Instant lastChange = events.now().minusSeconds(60);

        events.replayOver();

        FhirPatient patient = patient(MUELLER);
        assertThat(patient.resourceId()).isEqualTo(FhirPatientIds.of(MUELLER)).matches("[0-9a-f]{32}");
        assertThat(patient.identifier()).isEqualTo(MUELLER);
        assertThat(patient.demographics()).isEqualTo(corrected);
        assertThat(patient.active()).isTrue();
        assertThat(patient.version()).isEqualTo(2);
        assertThat(patient.lastUpdated()).isEqualTo(lastChange);

        events.rebuild();
        assertThat(patient(MUELLER)).isEqualTo(patient);
    }

    @Test
    void aMergeEndsTheMergedIdentityAndNamesEachInTheOther() {
        events.publish(new PatientRegisteredEvent(MUELLER, MUELLER_1960));
        events.publish(new PatientRegisteredEvent(MUELLER_AGAIN, MUELLER_1960));
        events.publish(new PatientsMergedEvent(MUELLER_AGAIN, MUELLER));
        events.replayOver();

        FhirPatient merged = patient(MUELLER_AGAIN);
        assertThat(merged.active()).isFalse();
        assertThat(merged.replacedBy()).isEqualTo(MUELLER);
        assertThat(merged.version()).isEqualTo(2);
        FhirPatient survivor = patient(MUELLER);
        assertThat(survivor.active()).isTrue();
        assertThat(survivor.replaces()).containsExactly(MUELLER_AGAIN);
        assertThat(survivor.replacedBy()).isNull();
        assertThat(survivor.version()).isEqualTo(2);
        assertThat(survivor.demographics()).isEqualTo(MUELLER_1960);
    }

    @Test
    void anIdentityKnownOnlyFromAnOrderOrAMergeHasItsIdentifierAlone() {
        PatientIdentifier walkIn = new PatientIdentifier("W7", "ER");
        PatientIdentifier unknownSurvivor = new PatientIdentifier("S9", "ER");
        events.publish(new OrderPlacedEvent("order-1", walkIn, null, new ProcedureCode("CT1", "LOCAL", "CT"), "CT",
                OrderPriority.ROUTINE, null, null));
        events.publish(new OrderPlacedEvent("order-2", walkIn, null, new ProcedureCode("CT1", "LOCAL", "CT"), "CT",
                OrderPriority.ROUTINE, null, null));
        events.publish(new PatientsMergedEvent(walkIn, unknownSurvivor));

        FhirPatient orderOnly = patient(walkIn);
        assertThat(orderOnly.demographics()).isNull();
        assertThat(orderOnly.version()).as("the first order made it known; the second changed nothing")
                .isEqualTo(2);
        assertThat(orderOnly.replacedBy()).isEqualTo(unknownSurvivor);
        assertThat(patient(unknownSurvivor).replaces()).containsExactly(walkIn);
        assertThat(patient(unknownSurvivor).version()).isEqualTo(1);
    }

    @Test
    void namesAreMatchedByEachPartAndWordWithoutCaseOrAccents() {
        events.publish(new PatientRegisteredEvent(MUELLER, MUELLER_1960));

        List<String> values = patients.find(FhirPatientIds.of(MUELLER), FhirPatientDocument.class).nameMatch();
        assertThat(values).contains("MULLER-LUDENSCHEIDT", "MULLER", "LUDENSCHEIDT", "HANS", "PETER", "DR",
                "HANS MULLER-LUDENSCHEIDT", "MULLER-LUDENSCHEIDT HANS");
        assertThat(FhirPatientNames.normalised("  müller ")).isEqualTo("MULLER");
        assertThat(FhirPatientNames.normalised(" ")).isNull();
    }

    private FhirPatient patient(PatientIdentifier identifier) {
        return patients.find(FhirPatientIds.of(identifier), FhirPatientDocument.class).answer();
    }
}
