package org.rispacs.command.report;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
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

/**
 * A radiology report on a study linked to an order: drafted and revised freely, signed preliminary (by a resident or a
 * radiologist), signed final only by a radiologist; after that it is never edited, only addended.
 * Each text saved is a revision (the draft is 1); an edit or signature based on an older revision than the
 * current one is refused, naming who changed the text and when, so two authors never overwrite each other.
 */
@Aggregate
class Report {

    enum Status { DRAFT, PRELIMINARY, FINAL }

    @AggregateIdentifier
    private String reportId;
    private String orderId;
    private String studyInstanceUid;
    private String text;
    private Status status;
    private int addenda;
    private int revision;
    private Actor lastAuthor;
    private Instant lastChangedAt;

    Report() {
        // rebuilt from events
    }

    @CommandHandler
    Report(DraftReportCommand command, StudyOrderLinks links) {
        requireText(command.orderId(), "the order the report belongs to");
        requireText(command.studyInstanceUid(), "the study the report reads");
        require(links.linked(command.studyInstanceUid(), command.orderId()), RefusalCode.ILLEGAL_TRANSITION,
                "study " + command.studyInstanceUid() + " is not linked to order " + command.orderId()
                        + ": match or reconcile it first");
        requireAuthor(command.author());
        requireText(command.text(), "the report text");
        apply(new ReportDraftedEvent(command.reportId(), command.orderId(), command.studyInstanceUid(),
                command.author(), command.text()));
    }

    @CommandHandler
    void handle(ReviseReportCommand command) {
        requireAuthor(command.author());
        requireText(command.text(), "the report text");
        if (status == Status.FINAL) {
            throw illegalTransition("report " + reportId + " is signed: add an addendum instead of editing it");
        }
        if (!command.text().equals(text)) {
            requireCurrent(command.basedOnRevision());
            apply(new ReportRevisedEvent(reportId, command.author(), command.text()));
        }
    }

    @CommandHandler
    void handle(SignReportPreliminaryCommand command) {
        require(command.signer() != null && (command.signer().role() == ClinicalRole.RADIOLOGIST
                        || command.signer().role() == ClinicalRole.RESIDENT),
                RefusalCode.NOT_PERMITTED, "only a radiologist or a resident signs a preliminary report");
        switch (status) {
            case DRAFT -> {
                requireCurrent(command.basedOnRevision());
                apply(new ReportSignedPreliminaryEvent(reportId, command.signer()));
            }
            case PRELIMINARY -> { }
            case FINAL -> throw illegalTransition("report " + reportId + " is already signed final");
        }
    }

    @CommandHandler
    void handle(SignReportCommand command) {
        requireRadiologist(command.signer(), "signs a final report");
        if (status != Status.FINAL) {
            requireCurrent(command.basedOnRevision());
            apply(new ReportSignedEvent(reportId, orderId, studyInstanceUid, command.signer(), text));
        }
    }

    @CommandHandler
    void handle(AddendReportCommand command) {
        requireRadiologist(command.author(), "adds an addendum");
        requireText(command.text(), "the addendum text");
        if (status != Status.FINAL) {
            throw illegalTransition("report " + reportId + " is not signed yet: revise it instead");
        }
        apply(new ReportAddendedEvent(reportId, orderId, addenda + 1, command.author(), command.text()));
    }

    /** Refuses a command based on a text that was changed since its author read it. */
    private void requireCurrent(Integer basedOnRevision) {
        if (basedOnRevision != null && basedOnRevision != revision) {
            throw new CommandRefusedException(RefusalCode.ILLEGAL_TRANSITION, "report " + reportId
                    + " was changed by " + who(lastAuthor) + " at " + lastChangedAt + " (revision " + revision
                    + ", you edited revision " + basedOnRevision + "): compare both texts and save again");
        }
    }

    private static String who(Actor actor) {
        return actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.id();
    }

    private static void requireAuthor(Actor author) {
        require(author != null && author.id() != null && !author.id().isBlank(), RefusalCode.INVALID,
                "the author is required");
    }

    private static void requireRadiologist(Actor actor, String what) {
        require(actor != null && actor.role() == ClinicalRole.RADIOLOGIST, RefusalCode.NOT_PERMITTED,
                "only a radiologist " + what);
    }

    @EventSourcingHandler
    void on(ReportDraftedEvent event, @Timestamp Instant when) {
        textSaved(event.author(), when);
        reportId = event.reportId();
        orderId = event.orderId();
        studyInstanceUid = event.studyInstanceUid();
        text = event.text();
        status = Status.DRAFT;
    }

    @EventSourcingHandler
    void on(ReportRevisedEvent event, @Timestamp Instant when) {
        textSaved(event.author(), when);
        text = event.text();
    }

    private void textSaved(Actor author, Instant when) {
        revision++;
        lastAuthor = author;
        lastChangedAt = when;
    }

    @EventSourcingHandler
    void on(ReportSignedPreliminaryEvent event) {
        status = Status.PRELIMINARY;
    }

    @EventSourcingHandler
    void on(ReportSignedEvent event) {
        status = Status.FINAL;
    }

    @EventSourcingHandler
    void on(ReportAddendedEvent event) {
        addenda = event.addendumNumber();
    }
}
