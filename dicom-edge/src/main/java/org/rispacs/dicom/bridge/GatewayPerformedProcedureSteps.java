package org.rispacs.dicom.bridge;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.StartUnscheduledProcedureStepCommand;
import org.rispacs.api.study.UpdateUnscheduledProcedureStepCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.FindPerformedStepQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.PerformedStepView;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.service.mpps.PerformedProcedureSteps;

/**
 * MPPS into the workflow: the step is found by accession number (the orders read model), else by
 * Scheduled Procedure Step ID or pre-assigned Study Instance UID (the worklist), and started,
 * completed or discontinued through the command gateway. A step no order scheduled (or whose
 * order was cancelled) is recorded as an unscheduled step of the study the modality names, and
 * its N-SETs go to it.
 */
public final class GatewayPerformedProcedureSteps implements PerformedProcedureSteps {

    /** An N-SET may follow its N-CREATE before the worklist has projected the start: look a little longer. */
    private static final long LOOKUP_PATIENCE_MILLIS = 3000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    /**
     * Whether the workflow holds anything under this UID: asked before an N-SET is tried as an
     * unscheduled step, since loading an aggregate that does not exist is logged by the framework
     * with a stack trace, on every N-SET of a scheduled step or of an unknown one.
     */
    private final Predicate<String> aggregateExists;

    public GatewayPerformedProcedureSteps(CommandGateway commands, QueryGateway queries,
                                          Predicate<String> aggregateExists) {
        this.commands = commands;
        this.queries = queries;
        this.aggregateExists = aggregateExists;
    }

    @Override
    public Result started(String performedStepUid, List<ScheduledReference> references, String stationAeTitle,
                          LocalDateTime startedAt, PerformedAttributes performed, String callingAeTitle) {
        String station = stationAeTitle != null ? stationAeTitle : callingAeTitle;
        Optional<String> orderId = references.stream().map(this::orderFor).flatMap(Optional::stream).findFirst();
        if (orderId.isPresent()) {
            return send(new StartProcedureStepCommand(orderId.get(), performedStepUid, station, startedAt),
                    callingAeTitle, performedStepUid);
        }
        Optional<ScheduledReference> study = references.stream()
                .filter(reference -> reference.studyInstanceUid() != null && !reference.studyInstanceUid().isBlank())
                .findFirst();
        if (study.isEmpty()) {
            return new Result(Outcome.UNSCHEDULED, "no scheduled procedure step matches " + references
                    + ", and no Study Instance UID names the study of an unscheduled one");
        }
        String accession = references.stream().map(ScheduledReference::accessionNumber)
                .filter(value -> value != null && !value.isBlank()).findFirst().orElse(null);
        return send(new StartUnscheduledProcedureStepCommand(performedStepUid, study.get().studyInstanceUid(),
                station, startedAt, new ReceivedStudyAttributes(performed.patientId(), performed.issuerOfPatientId(),
                        performed.patientName(), accession, performed.modality(), performed.description())),
                callingAeTitle, performedStepUid);
    }

    @Override
    public Result updated(String performedStepUid, String status, List<String> performedSeriesUids, String reason,
                          String callingAeTitle) {
        Optional<Result> unscheduled = updateUnscheduled(performedStepUid, status, performedSeriesUids, reason,
                callingAeTitle);
        if (unscheduled.isPresent()) {
            return unscheduled.get();
        }
        Optional<PerformedStepView> step = find(performedStepUid);
        if (step.isEmpty()) {
            return new Result(Outcome.UNKNOWN, "no performed procedure step " + performedStepUid);
        }
        if (!"STARTED".equals(step.get().status())) {
            return new Result(Outcome.FINAL, "Performed Procedure Step Object may no longer be updated (A710)");
        }
        if ("COMPLETED".equals(status)) {
            return send(new CompleteProcedureStepCommand(step.get().orderId(), CompletionSource.MPPS,
                    performedStepUid, performedSeriesUids), callingAeTitle, performedStepUid);
        }
        if ("DISCONTINUED".equals(status)) {
            return send(new DiscontinueProcedureStepCommand(step.get().orderId(), performedStepUid, reason),
                    callingAeTitle, performedStepUid);
        }
        return new Result(Outcome.DONE, null);
    }

    /** Empty when no unscheduled step has this UID (then it may be a scheduled one). */
    private Optional<Result> updateUnscheduled(String performedStepUid, String status, List<String> series,
                                               String reason, String callingAeTitle) {
        if (!aggregateExists.test(performedStepUid)) {
            return Optional.empty();
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new UpdateUnscheduledProcedureStepCommand(
                    performedStepUid, status, series, reason)).andMetaData(audit(callingAeTitle, performedStepUid)));
            return Optional.of(new Result(Outcome.DONE, null));
        } catch (CommandRefusedException refused) {
            return Optional.of(new Result(refused.code() == RefusalCode.ILLEGAL_TRANSITION ? Outcome.FINAL
                    : Outcome.REFUSED, refused.getMessage()));
        } catch (AggregateNotFoundException notUnscheduled) {
            return Optional.empty();
        }
    }

    private Optional<String> orderFor(ScheduledReference reference) {
        if (reference.accessionNumber() != null && !reference.accessionNumber().isBlank()) {
            Optional<OrderView> order = queries.query(new FindOrderByAccessionQuery(reference.accessionNumber()),
                    ResponseTypes.optionalInstanceOf(OrderView.class)).join();
            if (order.isPresent()) {
                return cancelled(reference.accessionNumber()) ? Optional.empty() : Optional.of(order.get().orderId());
            }
        }
        if (reference.scheduledProcedureStepId() != null || reference.studyInstanceUid() != null) {
            List<ModalityWorklistItem> items = queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null,
                            null, null, null, null, null, null, null, reference.scheduledProcedureStepId(),
                            reference.requestedProcedureId(), null), 10),
                    ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
            return items.stream()
                    .filter(item -> reference.studyInstanceUid() == null
                            || reference.studyInstanceUid().equals(item.studyInstanceUid()))
                    .map(ModalityWorklistItem::orderId).findFirst();
        }
        return Optional.empty();
    }

    /**
     * A step the modality performs although its order was cancelled after it read the worklist:
     * no longer scheduled, so recorded as an unscheduled step rather than refused and lost.
     */
    private boolean cancelled(String accessionNumber) {
        return !queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null, null, null,
                        accessionNumber, null, null, null, null, null, null, "CANCELLED"), 1),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().isEmpty();
    }

    private Optional<PerformedStepView> find(String performedStepUid) {
        long deadline = System.currentTimeMillis() + LOOKUP_PATIENCE_MILLIS;
        while (true) {
            Optional<PerformedStepView> step = queries.query(new FindPerformedStepQuery(performedStepUid),
                    ResponseTypes.optionalInstanceOf(PerformedStepView.class)).join();
            if (step.isPresent() || System.currentTimeMillis() > deadline) {
                return step;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return step;
            }
        }
    }

    private static Map<String, String> audit(String callingAeTitle, String performedStepUid) {
        return Map.of(AuditMetadata.ACTOR, "dicom:" + callingAeTitle,
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "MPPS " + performedStepUid + " from " + callingAeTitle);
    }

    private Result send(Object command, String callingAeTitle, String performedStepUid) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(audit(callingAeTitle, performedStepUid)));
            return new Result(Outcome.DONE, null);
        } catch (CommandRefusedException refused) {
            return new Result(Outcome.REFUSED, refused.getMessage());
        }
    }
}
