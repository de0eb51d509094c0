package org.rispacs.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.AttachStudyCommand;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.DiscontinueOrderCommand;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.LinkStudyToOrderCommand;
import org.rispacs.api.order.LinkedOrder;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.ReassignOrderPatientCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyAttachmentRefusedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.api.study.UnmatchedReason;

/**
 * An imaging order from placement to a completed, discontinued or cancelled procedure step.
 * Repeated commands that change nothing (a second cancel, a duplicate MPPS) are accepted and
 * emit nothing; transitions that make no sense are refused with {@link RefusalCode#ILLEGAL_TRANSITION}.
 */
@Aggregate
class ImagingOrder {

    /** DICOM Modality (0008,0060) is a CS value: upper-case letters, digits, underscore. */
    private static final Pattern MODALITY = Pattern.compile("[A-Z0-9_]{1,16}");
    /** DICOM AE titles: at most 16 characters, no backslash or control characters. */
    private static final Pattern AE_TITLE = Pattern.compile("[\\x20-\\x5b\\x5d-\\x7e]{1,16}");
    private static final Pattern SHORT_STRING = Pattern.compile("[\\x20-\\x5b\\x5d-\\x7e]{1,16}");

    enum Status { PLACED, SCHEDULED, IN_PROGRESS, COMPLETED, DISCONTINUED, CANCELLED }

    @AggregateIdentifier
    private String orderId;
    private Status status;
    private PatientIdentifier patient;
    /** Identities merged into the current one: a modality may still send what it read before the merge. */
    private final List<PatientIdentifier> formerPatients = new ArrayList<>();
    private ProcedureCode procedure;
    private String modality;
    private PlacerDetails details;
    private OrderPriority priority;
    private String reason;
    private String orderingProvider;
    private String accessionNumber;
    private ProcedureScheduledEvent schedule;
    private String performedStepUid;
    /** The studies of this order: the one matched by accession, or those a person linked. */
    private final Set<String> studies = new LinkedHashSet<>();

    ImagingOrder() {
        // rebuilt from events
    }

    /**
     * Places the order; the same placement delivered again (a re-sent HL7 NW) changes nothing, and
     * one that says something else under the same order id is refused rather than half applied.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PlaceOrderCommand command, AccessionNumberAllocator accessionNumbers) {
        require(command.patient() != null, RefusalCode.INVALID, "an order needs a patient identifier with its issuer");
        require(command.procedure() != null && command.procedure().code() != null
                && !command.procedure().code().isBlank(), RefusalCode.INVALID, "an order needs a procedure code");
        require(command.modality() != null && MODALITY.matcher(command.modality()).matches(), RefusalCode.INVALID,
                "modality '" + command.modality() + "' is not a DICOM modality code (e.g. CT, MR, US)");
        require(command.priority() != null, RefusalCode.INVALID, "an order needs a priority");
        String placerAccessionKey = normalisedAccession(command.placerAccessionNumber());
        String placerAccession = placerAccessionKey == null ? null : command.placerAccessionNumber().strip();
        ProcedureCode procedure = command.procedure();
        ProcedureCode strippedProcedure = new ProcedureCode(procedure.code().strip(), procedure.codingScheme(),
                procedure.meaning());
        if (orderId != null) {
            requireSamePlacement(command, strippedProcedure, placerAccessionKey);
            return;
        }
        if (placerAccession != null) {
            require(accessionNumbers.claim(placerAccessionKey, command.orderId()), RefusalCode.ACCESSION_IN_USE,
                    "accession number " + placerAccession + " is held by another order");
        }
        apply(new OrderPlacedEvent(command.orderId(), command.patient(), command.placerOrderNumber(),
                strippedProcedure, command.modality(), command.priority(), command.reason(),
                command.orderingProvider(), command.details()));
        apply(placerAccession != null
                ? new AccessionAssignedEvent(command.orderId(), placerAccession, true)
                : new AccessionAssignedEvent(command.orderId(), accessionNumbers.allocate(command.orderId()), false));
    }

    private void requireSamePlacement(PlaceOrderCommand command, ProcedureCode sentProcedure,
                                      String sentAccessionKey) {
        List<String> differences = new ArrayList<>();
        if (!command.patient().equals(patient) && !formerPatients.contains(command.patient())) {
            differences.add("patient " + command.patient() + " (the order's is " + patient + ")");
        }
        if (!sentProcedure.equals(procedure)) {
            differences.add("procedure " + sentProcedure.code() + " (the order's is " + procedure.code() + ")");
        }
        if (!command.modality().equals(modality)) {
            differences.add("modality " + command.modality() + " (the order's is " + modality + ")");
        }
        if (command.priority() != priority) {
            differences.add("priority " + command.priority() + " (the order's is " + priority + ")");
        }
        if (command.reason() != null && !command.reason().equals(reason)) {
            differences.add("reason '" + command.reason() + "'");
        }
        if (command.orderingProvider() != null && !command.orderingProvider().equals(orderingProvider)) {
            differences.add("ordering provider '" + command.orderingProvider() + "'");
        }
        if (sentAccessionKey != null && !sentAccessionKey.equals(normalisedAccession(accessionNumber))) {
            differences.add("accession " + command.placerAccessionNumber().strip() + " (the order's is "
                    + accessionNumber + ")");
        }
        if (command.details() != null && !command.details().equals(details)) {
            differences.add("other placer details (namespace, provider id, service section, visit or diagnosis)");
        }
        require(differences.isEmpty(), RefusalCode.ORDER_CONFLICT, "order " + command.placerOrderNumber()
                + " exists with other content: " + String.join(", ", differences)
                + "; change an order with XO, or place a new one under a new placer order number");
    }

    /** DICOM SH: at most 16 characters, no backslash or control characters. */
    private static void requireShortString(String value, String what) {
        require(value == null || SHORT_STRING.matcher(value).matches(), RefusalCode.INVALID,
                what + " '" + value + "' is not a DICOM short string (1 to 16 characters, no backslash)");
    }

    /** A move into the past or into another modality's room is a slip, not a plan. */
    private void requireReschedulable(ScheduleProcedureCommand command, SchedulingRules rules) {
        if (!command.scheduledStart().equals(schedule.scheduledStart())) {
            LocalDateTime earliest = rules.now().minus(rules.pastTolerance());
            require(!command.scheduledStart().isBefore(earliest), RefusalCode.INVALID, "order " + orderId
                    + " cannot be moved to " + command.scheduledStart() + ": that is in the past");
        }
        if (!Objects.equals(command.stationAeTitle(), schedule.stationAeTitle())) {
            requireStationOfModality(command.stationAeTitle(), rules);
        }
    }

    private void requireStationOfModality(String station, SchedulingRules rules) {
        rules.modalityOf(station).ifPresent(stationModality -> require(stationModality.equalsIgnoreCase(modality),
                RefusalCode.INVALID, "station " + station + " is a " + stationModality + " room; order " + orderId
                        + " is a " + modality + " exam"));
    }

    private static boolean sameOrAbsent(String requested, String current) {
        return requested == null || requested.equals(current);
    }

    private static String normalisedAccession(String raw) {
        try {
            return AccessionNumbers.normalise(raw).orElse(null);
        } catch (IllegalArgumentException invalid) {
            throw new CommandRefusedException(RefusalCode.INVALID, invalid.getMessage());
        }
    }

    @CommandHandler
    void handle(ScheduleProcedureCommand command, ProcedureIdentifiers identifiers, StudyInstanceUids studyUids,
                SchedulingRules rules) {
        require(command.scheduledStart() != null, RefusalCode.INVALID, "a schedule needs a start date and time");
        require(command.stationAeTitle() == null || AE_TITLE.matcher(command.stationAeTitle()).matches(),
                RefusalCode.INVALID, "station AE title '" + command.stationAeTitle() + "' is not a DICOM AE title");
        requireShortString(command.requestedProcedureId(), "requested procedure id");
        requireShortString(command.scheduledProcedureStepId(), "scheduled procedure step id");
        require(command.studyInstanceUid() == null || DicomUids.valid(command.studyInstanceUid()), RefusalCode.INVALID,
                "study instance UID '" + command.studyInstanceUid() + "' is not a DICOM UID");
        if (status == Status.PLACED) {
            requireStationOfModality(command.stationAeTitle(), rules);
            ProcedureIdentifiers.Scheduled ids = identifiers.next();
            String studyUid = command.studyInstanceUid() != null ? command.studyInstanceUid() : ids.studyInstanceUid();
            require(studyUids.claim(studyUid, orderId), RefusalCode.STUDY_UID_IN_USE,
                    "study instance UID " + studyUid + " is held by another order");
            String procedureId = command.requestedProcedureId() != null ? command.requestedProcedureId()
                    : ids.requestedProcedureId();
            String stepId = command.scheduledProcedureStepId() != null ? command.scheduledProcedureStepId()
                    : ids.scheduledProcedureStepId();
            apply(new ProcedureScheduledEvent(orderId, accessionNumber, procedureId, stepId, studyUid,
                    command.scheduledStart(), command.stationAeTitle(), command.stationName(), command.location()));
        } else if (status == Status.SCHEDULED) {
            require(sameOrAbsent(command.requestedProcedureId(), schedule.requestedProcedureId())
                            && sameOrAbsent(command.studyInstanceUid(), schedule.studyInstanceUid())
                            && sameOrAbsent(command.scheduledProcedureStepId(), schedule.scheduledProcedureStepId()),
                    RefusalCode.ILLEGAL_TRANSITION, "order " + orderId + " is scheduled as requested procedure "
                            + schedule.requestedProcedureId() + ", step " + schedule.scheduledProcedureStepId()
                            + ", study " + schedule.studyInstanceUid() + "; these identifiers cannot change");
            boolean changed = !command.scheduledStart().equals(schedule.scheduledStart())
                    || !Objects.equals(command.stationAeTitle(), schedule.stationAeTitle())
                    || !Objects.equals(command.stationName(), schedule.stationName())
                    || !Objects.equals(command.location(), schedule.location());
            if (changed) {
                requireReschedulable(command, rules);
                apply(new ProcedureRescheduledEvent(orderId, command.scheduledStart(), command.stationAeTitle(),
                        command.stationName(), command.location()));
            }
        } else if (schedule != null && command.scheduledStart().equals(schedule.scheduledStart())
                && Objects.equals(command.stationAeTitle(), schedule.stationAeTitle())
                && sameOrAbsent(command.requestedProcedureId(), schedule.requestedProcedureId())
                && sameOrAbsent(command.studyInstanceUid(), schedule.studyInstanceUid())
                && sameOrAbsent(command.scheduledProcedureStepId(), schedule.scheduledProcedureStepId())) {
            // the schedule it already had, delivered again (a re-sent order message): nothing changes
            return;
        } else {
            throw illegalTransition("order " + orderId + " is " + status + " and cannot be scheduled");
        }
    }

    @CommandHandler
    void handle(UpdateOrderCommand command) {
        require(status != Status.COMPLETED && status != Status.DISCONTINUED && status != Status.CANCELLED,
                RefusalCode.ILLEGAL_TRANSITION, "order " + orderId + " is " + status + " and cannot be changed");
        ProcedureCode newProcedure = command.procedure() != null ? command.procedure() : procedure;
        OrderPriority newPriority = command.priority() != null ? command.priority() : priority;
        String newReason = command.reason() != null ? command.reason() : reason;
        String newProvider = command.orderingProvider() != null ? command.orderingProvider() : orderingProvider;
        if (!newProcedure.equals(procedure) || newPriority != priority || !Objects.equals(newReason, reason)
                || !Objects.equals(newProvider, orderingProvider)) {
            apply(new OrderUpdatedEvent(orderId, newProcedure, newPriority, newReason, newProvider));
        }
    }

    @CommandHandler
    void handle(CancelOrderCommand command) {
        switch (status) {
            case PLACED, SCHEDULED -> apply(new OrderCancelledEvent(orderId, command.reason()));
            case CANCELLED -> { }
            case IN_PROGRESS -> throw illegalTransition(
                    "order " + orderId + " is in progress: discontinue its procedure step instead of cancelling");
            default -> throw illegalTransition("order " + orderId + " is " + status + " and cannot be cancelled");
        }
    }

    @CommandHandler
    void handle(DiscontinueOrderCommand command) {
        switch (status) {
            case PLACED, SCHEDULED -> apply(new OrderCancelledEvent(orderId, command.reason()));
            case IN_PROGRESS -> apply(new ProcedureStepDiscontinuedEvent(orderId, performedStepUid, command.reason()));
            case CANCELLED, DISCONTINUED -> { }
            default -> throw illegalTransition("order " + orderId + " is " + status + " and cannot be discontinued");
        }
    }

    @CommandHandler
    void handle(StartProcedureStepCommand command) {
        requireText(command.performedStepUid(), "the performed procedure step UID");
        switch (status) {
            case PLACED, SCHEDULED -> apply(new ProcedureStepStartedEvent(orderId, command.performedStepUid(),
                    command.stationAeTitle(), command.startedAt()));
            case IN_PROGRESS -> require(command.performedStepUid().equals(performedStepUid),
                    RefusalCode.ILLEGAL_TRANSITION,
                    "order " + orderId + " is already in progress under step " + performedStepUid);
            default -> throw illegalTransition("order " + orderId + " is " + status + " and cannot be started");
        }
    }

    @CommandHandler
    void handle(CompleteProcedureStepCommand command) {
        require(command.source() != null, RefusalCode.INVALID, "a completion needs its source");
        if (status == Status.COMPLETED) {
            return;
        }
        boolean byMpps = command.source() == CompletionSource.MPPS;
        boolean allowed = status == Status.IN_PROGRESS
                || (!byMpps && (status == Status.PLACED || status == Status.SCHEDULED));
        if (!allowed) {
            throw illegalTransition("order " + orderId + " is " + status + " and cannot be completed"
                    + (byMpps && (status == Status.PLACED || status == Status.SCHEDULED)
                            ? " by MPPS before the step was started" : ""));
        }
        require(!byMpps || command.performedStepUid() == null || command.performedStepUid().equals(performedStepUid),
                RefusalCode.ILLEGAL_TRANSITION, "step " + command.performedStepUid() + " is not the one in progress");
        apply(new ProcedureStepCompletedEvent(orderId, command.source(),
                command.performedStepUid() != null ? command.performedStepUid() : performedStepUid,
                command.performedSeriesUids() == null ? List.of() : List.copyOf(command.performedSeriesUids())));
    }

    @CommandHandler
    void handle(DiscontinueProcedureStepCommand command) {
        switch (status) {
            case IN_PROGRESS -> apply(new ProcedureStepDiscontinuedEvent(orderId, performedStepUid, command.reason()));
            case DISCONTINUED -> { }
            default -> throw illegalTransition("order " + orderId + " is " + status
                    + "; only a step in progress can be discontinued");
        }
    }

    @CommandHandler
    void handle(AttachStudyCommand command) {
        requireText(command.studyInstanceUid(), "the study instance UID");
        if (studies.contains(command.studyInstanceUid())) {
            return;
        }
        UnmatchedReason refusal = null;
        String detail = null;
        if (status == Status.CANCELLED) {
            refusal = UnmatchedReason.CANCELLED_ORDER;
            detail = "order " + orderId + " was cancelled";
        } else if (!samePatient(command.receivedPatientId(), command.receivedIssuerOfPatientId())) {
            refusal = UnmatchedReason.PATIENT_MISMATCH;
            detail = "study patient " + command.receivedPatientId() + "^^^"
                    + Objects.toString(command.receivedIssuerOfPatientId(), "") + " is not the order's " + patient;
        } else if (!studies.isEmpty()) {
            refusal = UnmatchedReason.DUPLICATE_ACCESSION;
            detail = "accession " + accessionNumber + " already belongs to study " + String.join(", ", studies);
        }
        apply(refusal == null
                ? new StudyAttachedToOrderEvent(orderId, command.studyInstanceUid(), patient)
                : new StudyAttachmentRefusedEvent(orderId, command.studyInstanceUid(), refusal, detail));
    }

    /**
     * A person links a study by reconciliation. An order that already has a study is not a link
     * target unless the person chose to add the study or to replace the order's: a report or a
     * charge may already rest on the study it has. Replacing detaches the old study (the event
     * says so, for the report's review); the patient check is the study's (it knows its patient).
     */
    @CommandHandler
    LinkedOrder handle(LinkStudyToOrderCommand command) {
        requireText(command.studyInstanceUid(), "the study instance UID");
        requireText(command.linkedBy(), "who links the study");
        requireText(command.note(), "a note that says why the study belongs to this order");
        require(status != Status.CANCELLED && status != Status.DISCONTINUED, RefusalCode.ILLEGAL_TRANSITION,
                "order " + orderId + " is " + status + ": no study can be linked to it");
        boolean awaitingCompletion = status != Status.COMPLETED;
        if (studies.contains(command.studyInstanceUid())) {
            return linked(List.of(), awaitingCompletion);
        }
        StudyLinkMode mode = command.mode() == null || studies.isEmpty() ? StudyLinkMode.ONLY_STUDY : command.mode();
        require(mode != StudyLinkMode.ONLY_STUDY || studies.isEmpty(), RefusalCode.ORDER_HAS_STUDY,
                "order " + orderId + " (" + status + ") already has study " + String.join(", ", studies)
                        + ", on which a report or a charge may rest: link this one as an additional study,"
                        + " or replace the order's study");
        List<String> detached = new ArrayList<>();
        if (mode == StudyLinkMode.REPLACE_STUDY) {
            for (String old : List.copyOf(studies)) {
                apply(new StudyDetachedFromOrderEvent(orderId, old, command.studyInstanceUid(), command.linkedBy(),
                        command.note()));
                detached.add(old);
            }
        }
        apply(new StudyLinkedToOrderEvent(orderId, command.studyInstanceUid(), mode, patient, command.linkedBy(),
                command.note()));
        return linked(detached, awaitingCompletion);
    }

    private LinkedOrder linked(List<String> detached, boolean awaitingCompletion) {
        return new LinkedOrder(patient, List.copyOf(formerPatients), List.copyOf(detached), awaitingCompletion);
    }

    /**
     * Modalities often omit the Issuer of Patient ID: then the id alone must agree. An identity
     * merged into the order's patient still agrees: the modality read its worklist before the merge.
     */
    private boolean samePatient(String receivedId, String receivedIssuer) {
        return isPatient(patient, receivedId, receivedIssuer)
                || formerPatients.stream().anyMatch(former -> isPatient(former, receivedId, receivedIssuer));
    }

    private static boolean isPatient(PatientIdentifier identity, String receivedId, String receivedIssuer) {
        if (receivedId == null || !receivedId.strip().equals(identity.id())) {
            return false;
        }
        return receivedIssuer == null || receivedIssuer.isBlank() || receivedIssuer.strip().equals(identity.issuer());
    }

    @CommandHandler
    void handle(ReassignOrderPatientCommand command) {
        require(command.patient() != null, RefusalCode.INVALID, "a patient is required");
        if (!command.patient().equals(patient)) {
            apply(new OrderPatientReassignedEvent(orderId, patient, command.patient()));
        }
    }

    /** Whether a modality may still perform this order's step: not cancelled, completed or discontinued. */
    boolean awaitsItsProcedureStep() {
        return status == Status.PLACED || status == Status.SCHEDULED || status == Status.IN_PROGRESS;
    }

    /** Whether the identifiers a modality read from the worklist, where given, are this order's schedule. */
    boolean scheduledAs(String requestedProcedureId, String scheduledProcedureStepId) {
        if (requestedProcedureId == null && scheduledProcedureStepId == null) {
            return true;
        }
        return schedule != null && sameOrAbsent(requestedProcedureId, schedule.requestedProcedureId())
                && sameOrAbsent(scheduledProcedureStepId, schedule.scheduledProcedureStepId());
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        status = Status.PLACED;
        patient = event.patient();
        procedure = event.procedure();
        modality = event.modality();
        details = event.details();
        priority = event.priority();
        reason = event.reason();
        orderingProvider = event.orderingProvider();
    }

    @EventSourcingHandler
    void on(AccessionAssignedEvent event) {
        accessionNumber = event.accessionNumber();
    }

    @EventSourcingHandler
    void on(ProcedureScheduledEvent event) {
        status = Status.SCHEDULED;
        schedule = event;
    }

    @EventSourcingHandler
    void on(ProcedureRescheduledEvent event) {
        schedule = new ProcedureScheduledEvent(orderId, accessionNumber, schedule.requestedProcedureId(),
                schedule.scheduledProcedureStepId(), schedule.studyInstanceUid(), event.scheduledStart(),
                event.stationAeTitle(), event.stationName(), event.location());
    }

    @EventSourcingHandler
    void on(OrderUpdatedEvent event) {
        procedure = event.procedure();
        priority = event.priority();
        reason = event.reason();
        orderingProvider = event.orderingProvider();
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(ProcedureStepStartedEvent event) {
        status = Status.IN_PROGRESS;
        performedStepUid = event.performedStepUid();
    }

    @EventSourcingHandler
    void on(ProcedureStepCompletedEvent event) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(ProcedureStepDiscontinuedEvent event) {
        status = Status.DISCONTINUED;
    }

    @EventSourcingHandler
    void on(StudyAttachedToOrderEvent event) {
        studies.add(event.studyInstanceUid());
    }

    @EventSourcingHandler
    void on(StudyLinkedToOrderEvent event) {
        studies.add(event.studyInstanceUid());
    }

    @EventSourcingHandler
    void on(StudyDetachedFromOrderEvent event) {
        studies.remove(event.studyInstanceUid());
    }

    @EventSourcingHandler
    void on(OrderPatientReassignedEvent event) {
        formerPatients.add(event.previous());
        patient = event.patient();
    }
}
