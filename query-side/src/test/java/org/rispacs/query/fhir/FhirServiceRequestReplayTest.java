package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.report.ReportDraftedEvent;

class FhirServiceRequestReplayTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    private static final LocalDateTime MORNING = LocalDateTime.of(2027, 3, 4, 9, 30);
    private static final Instant PLACED = Instant.parse("2027-03-01T08:00:00Z");
    /** The department's zone (ris.time-zone), never the machine's: the scheduled start is read in this one. */
    private static final ZoneId DEPARTMENT = ZoneId.of(ZoneId.systemDefault().getId().equals("Pacific/Kiritimati")
            ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");

    @Test
    void eachEventOfTheOrderIsAVersionAsTheReadModelShowedItThen() {
        FhirServiceRequestVersions history = FhirServiceRequestReplay.of("O1", DEPARTMENT, Stream.of(
                event(0, new OrderPlacedEvent("O1", PATIENT, "PLC-1", new ProcedureCode("CTHEAD", "RIS", "CT head"),
                        "CT", OrderPriority.ROUTINE, "headache", "Who^John")),
                event(1, new AccessionAssignedEvent("O1", "ACC-1", true)),
                event(2, new ProcedureScheduledEvent("O1", "ACC-1", "RP1", "SPS1", "2.25.1", MORNING, "CT1", "CT 1",
                        "Room 1")),
                event(3, new ProcedureStepStartedEvent("O1", "1.2.3", "CT1", MORNING))));

        List<FhirServiceRequest> versions = history.versions();
        assertThat(versions).extracting(FhirServiceRequest::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(versions).extracting(FhirServiceRequest::state).containsExactly(FhirOrderState.PLACED,
                FhirOrderState.PLACED, FhirOrderState.SCHEDULED, FhirOrderState.IN_PROGRESS);
        assertThat(versions.get(0).accessionNumber()).as("before the accession was assigned").isNull();
        assertThat(versions.get(1).accessionNumber()).isEqualTo("ACC-1");
        assertThat(versions.get(1).occurrence()).isNull();
        assertThat(versions.get(2).occurrence()).as("the scheduled start in the department's zone")
                .isEqualTo(MORNING.atZone(DEPARTMENT).toInstant())
                .isNotEqualTo(MORNING.atZone(ZoneId.systemDefault()).toInstant());
        assertThat(versions).allSatisfy(version -> assertThat(version.authoredOn()).isEqualTo(PLACED));
        assertThat(history.version(3)).contains(versions.get(2));
        assertThat(history.version(5)).isEmpty();
    }

    @Test
    void anotherAggregatesEventsGiveNoVersion() {
        assertThat(FhirServiceRequestReplay.of("R1", DEPARTMENT, Stream.of(event(0, new ReportDraftedEvent("R1",
                "O1", "2.25.1", null, "text")))).versions()).isEmpty();
        assertThat(FhirServiceRequestReplay.of("O9", DEPARTMENT, Stream.empty()).versions()).isEmpty();
    }

    private static EventMessage<?> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", "O1", sequence, payload, MetaData.emptyInstance(),
                "e" + sequence, PLACED.plusSeconds(sequence * 60));
    }
}
