package org.rispacs.command.report;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.report.ReviseReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.report.SignReportPreliminaryCommand;
import org.rispacs.command.study.StudyOrderLinks;

class ReportTest {

    static final Actor RADIOLOGIST = new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST);
    static final Actor RESIDENT = new Actor("res1", "Dr Grey", ClinicalRole.RESIDENT);
    static final Actor TECH = new Actor("tech1", "Sam", ClinicalRole.TECHNOLOGIST);
    static final ReportDraftedEvent DRAFTED =
            new ReportDraftedEvent("r1", "order-1", "2.25.1", RESIDENT, "No finding.");
    static final ReportSignedEvent SIGNED = new ReportSignedEvent("r1", "order-1", "2.25.1", RADIOLOGIST,
            "No finding.");

    private FixtureConfiguration<Report> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Report.class);
        fixture.registerInjectableResource((StudyOrderLinks) (study, order) -> study.equals("2.25.1")
                && order.equals("order-1"));
    }

    @Test
    void draftsForAnOrderAndAStudy() {
        fixture.givenNoPriorActivity()
                .when(new DraftReportCommand("r1", "order-1", "2.25.1", RESIDENT, "No finding."))
                .expectEvents(DRAFTED);
        fixture.givenNoPriorActivity()
                .when(new DraftReportCommand("r1", null, "2.25.1", RESIDENT, "No finding."))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void refusesAReportOnAStudyNotLinkedToTheOrder() {
        fixture.givenNoPriorActivity()
                .when(new DraftReportCommand("r1", "order-1", "2.25.999", RESIDENT, "No finding."))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("study 2.25.999 is not linked to order order-1: match or reconcile it first");
    }

    @Test
    void revisesUntilSignedThenOnlyAddenda() {
        fixture.given(DRAFTED)
                .when(new ReviseReportCommand("r1", RESIDENT, "Small nodule."))
                .expectEvents(new ReportRevisedEvent("r1", RESIDENT, "Small nodule."));
        fixture.given(DRAFTED, SIGNED)
                .when(new ReviseReportCommand("r1", RADIOLOGIST, "Changed."))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("report r1 is signed: add an addendum instead of editing it");
        fixture.given(DRAFTED, SIGNED)
                .when(new AddendReportCommand("r1", RADIOLOGIST, "Comparison with prior added."))
                .expectEvents(new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "Comparison with prior added."));
        fixture.given(DRAFTED, SIGNED, new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "a"))
                .when(new AddendReportCommand("r1", RADIOLOGIST, "b"))
                .expectEvents(new ReportAddendedEvent("r1", "order-1", 2, RADIOLOGIST, "b"));
    }

    @Test
    void aRevisionBasedOnAnOlderTextIsRefusedNamingWhoChangedItAndWhen() {
        Instant drafted = Instant.parse("2026-12-07T09:00:00Z");
        Instant revised = Instant.parse("2026-12-07T09:05:00Z");
        // both opened revision 1; the resident saved first (revision 2)
        fixture.givenCurrentTime(drafted).andGiven(DRAFTED)
                .andGivenCurrentTime(revised).andGiven(new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new ReviseReportCommand("r1", RADIOLOGIST, "Clear lungs.", 1))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("report r1 was changed by Dr Grey at 2026-12-07T09:05:00Z (revision 2, "
                        + "you edited revision 1): compare both texts and save again");
        // based on the current text, the same change is saved
        fixture.given(DRAFTED, new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new ReviseReportCommand("r1", RADIOLOGIST, "Clear lungs.", 2))
                .expectEvents(new ReportRevisedEvent("r1", RADIOLOGIST, "Clear lungs."));
        // the same text saved twice (a repeated submit) is no conflict, and changes nothing
        fixture.given(DRAFTED, new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new ReviseReportCommand("r1", RESIDENT, "Small nodule.", 1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        // callers that do not say what they edited are not checked
        fixture.given(DRAFTED, new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new ReviseReportCommand("r1", RADIOLOGIST, "Clear lungs."))
                .expectEvents(new ReportRevisedEvent("r1", RADIOLOGIST, "Clear lungs."));
    }

    @Test
    void nobodySignsATextChangedSinceTheyReadIt() {
        Instant revised = Instant.parse("2026-12-07T09:05:00Z");
        fixture.given(DRAFTED).andGivenCurrentTime(revised)
                .andGiven(new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new SignReportCommand("r1", RADIOLOGIST, 1))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("report r1 was changed by Dr Grey at 2026-12-07T09:05:00Z (revision 2, "
                        + "you edited revision 1): compare both texts and save again");
        fixture.given(DRAFTED).andGivenCurrentTime(revised)
                .andGiven(new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new SignReportPreliminaryCommand("r1", RADIOLOGIST, 1))
                .expectNoEvents().expectException(CommandRefusedException.class);
        fixture.given(DRAFTED, new ReportRevisedEvent("r1", RESIDENT, "Small nodule."))
                .when(new SignReportCommand("r1", RADIOLOGIST, 2))
                .expectEvents(new ReportSignedEvent("r1", "order-1", "2.25.1", RADIOLOGIST, "Small nodule."));
        fixture.given(DRAFTED)
                .when(new SignReportPreliminaryCommand("r1", RESIDENT, 1))
                .expectEvents(new ReportSignedPreliminaryEvent("r1", RESIDENT));
    }

    @Test
    void onlyARadiologistSignsFinal() {
        fixture.given(DRAFTED, new ReportSignedPreliminaryEvent("r1", RESIDENT))
                .when(new SignReportCommand("r1", RADIOLOGIST))
                .expectEvents(SIGNED);
        fixture.given(DRAFTED)
                .when(new SignReportCommand("r1", RESIDENT))
                .expectNoEvents().expectException(CommandRefusedException.class)
                .expectExceptionMessage("only a radiologist signs a final report");
        fixture.given(DRAFTED, SIGNED)
                .when(new SignReportCommand("r1", RADIOLOGIST))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void preliminarySignatureByResidentOrRadiologistOnly() {
        fixture.given(DRAFTED)
                .when(new SignReportPreliminaryCommand("r1", RESIDENT))
                .expectEvents(new ReportSignedPreliminaryEvent("r1", RESIDENT));
        fixture.given(DRAFTED)
                .when(new SignReportPreliminaryCommand("r1", TECH))
                .expectNoEvents().expectException(CommandRefusedException.class);
        fixture.given(DRAFTED, SIGNED)
                .when(new SignReportPreliminaryCommand("r1", RESIDENT))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }

    @Test
    void addendaBeforeSignatureAreRefused() {
        fixture.given(DRAFTED)
                .when(new AddendReportCommand("r1", RADIOLOGIST, "x"))
                .expectNoEvents().expectException(CommandRefusedException.class);
    }
}
