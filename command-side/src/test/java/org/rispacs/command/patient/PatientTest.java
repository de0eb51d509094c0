package org.rispacs.command.patient;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.patient.RecordOrderPatientCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;

class PatientTest {

    static final PatientIdentifier P1 = new PatientIdentifier("P1", "HOSP");
    static final PatientIdentifier P2 = new PatientIdentifier("P2", "HOSP");
    static final Demographics DOE = new Demographics(new PersonName("Doe", "Jane", null, null, null),
            LocalDate.of(1970, 1, 2), "F");
    static final Demographics DOE_SMITH = new Demographics(new PersonName("Doe-Smith", "Jane", null, null, null),
            LocalDate.of(1970, 1, 2), "F");

    private FixtureConfiguration<Patient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Patient.class);
    }

    @Test
    void registersANewPatient() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(P1, DOE))
                .expectEvents(new PatientRegisteredEvent(P1, DOE));
    }

    @Test
    void registeringAgainUpdatesOnlyWhatChanged() {
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new RegisterPatientCommand(P1, DOE))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new RegisterPatientCommand(P1, DOE_SMITH))
                .expectEvents(new PatientDemographicsUpdatedEvent(P1, DOE_SMITH));
    }

    @Test
    void anUpdateForAnUnknownPatientRegistersIt() {
        fixture.givenNoPriorActivity()
                .when(new UpdatePatientDemographicsCommand(P1, DOE))
                .expectEvents(new PatientRegisteredEvent(P1, DOE));
    }

    @Test
    void anOrderRegistersAPatientNeverSeenBefore() {
        fixture.givenNoPriorActivity()
                .when(new RecordOrderPatientCommand(P1, DOE))
                .expectEvents(new PatientRegisteredEvent(P1, DOE));
    }

    @Test
    void anOrderUpdatesTheNameButKeepsWhatItLeftEmpty() {
        Demographics nameOnly = new Demographics(DOE_SMITH.name(), null, null);
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new RecordOrderPatientCommand(P1, nameOnly))
                .expectEvents(new PatientDemographicsUpdatedEvent(P1, DOE_SMITH));
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new RecordOrderPatientCommand(P1, new Demographics(DOE.name(), null, null)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anOrderWithoutNameNeedsAKnownPatient() {
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new RecordOrderPatientCommand(P1, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordOrderPatientCommand(P1, null))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("patient P1^^^HOSP is not registered and the order names no patient"
                        + " name to register them with");
    }

    @Test
    void anOrderForAMergedAwayPatientIsRefusedNamingTheSurvivor() {
        fixture.given(new PatientRegisteredEvent(P1, DOE), new PatientsMergedEvent(P1, P2))
                .when(new RecordOrderPatientCommand(P1, DOE))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("patient P1^^^HOSP was merged into P2^^^HOSP");
    }

    @Test
    void refusesAPatientWithoutFamilyName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(P1, new Demographics(new PersonName(" ", "Jane", null, null, null),
                        null, null)))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void mergesIntoTheSurvivorAndThenRefusesChangesNamingTheSurvivor() {
        fixture.given(new PatientRegisteredEvent(P1, DOE))
                .when(new MergePatientsCommand(P1, P2))
                .expectEvents(new PatientsMergedEvent(P1, P2));
        fixture.given(new PatientRegisteredEvent(P1, DOE), new PatientsMergedEvent(P1, P2))
                .when(new UpdatePatientDemographicsCommand(P1, DOE_SMITH))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("patient P1^^^HOSP was merged into P2^^^HOSP");
    }

    @Test
    void aRepeatedMergeChangesNothingAndSelfMergeIsRefused() {
        fixture.given(new PatientsMergedEvent(P1, P2))
                .when(new MergePatientsCommand(P1, P2))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new MergePatientsCommand(P1, P1))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void mergesAnIdentityWeNeverRegistered() {
        fixture.givenNoPriorActivity()
                .when(new MergePatientsCommand(P1, P2))
                .expectEvents(new PatientsMergedEvent(P1, P2));
    }
}
