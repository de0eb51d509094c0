package org.rispacs.command.study;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.illegalTransition;
import static org.rispacs.command.common.Refusals.require;
import static org.rispacs.command.common.Refusals.requireText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.study.AssignStudyToOrderCommand;
import org.rispacs.api.study.DetachStudyCommand;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.MarkStudyUnmatchedCommand;
import org.rispacs.api.study.MatchStudyToOrderCommand;
import org.rispacs.api.study.ReassignStudyPatientCommand;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.RecordStudyStableCommand;
import org.rispacs.api.study.RequestStorageCommitmentCommand;
import org.rispacs.api.study.StorageCommitmentRequestedEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyStableEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;

/**
 * A study as the archive holds it, keyed by Study Instance UID: which instances arrived (a
 * repeated C-STORE of an instance changes nothing), which order it belongs to, and which
 * instances the archive has committed to keep.
 */
@Aggregate
class Study {

    @AggregateIdentifier
    private String studyInstanceUid;
    private ReceivedStudyAttributes firstReceived;
    private final Set<String> instances = new HashSet<>();
    private final Set<String> committed = new HashSet<>();
    private String orderId;
    private PatientIdentifier patient;
    private UnmatchedReason unmatchedReason;
    /** No instance arrived since the study was last recorded stable. */
    private boolean stable;

    Study() {
        // rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordInstancesReceivedCommand command) {
        requireText(command.studyInstanceUid(), "the study instance UID");
        requireText(command.seriesInstanceUid(), "the series instance UID");
        require(command.attributes() != null, RefusalCode.INVALID, "the received attributes are required");
        List<ReceivedInstance> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>(instances);
        for (ReceivedInstance instance : command.instances()) {
            if (seen.add(instance.sopInstanceUid())) {
                fresh.add(instance);
            }
        }
        if (!fresh.isEmpty()) {
            apply(new InstancesReceivedEvent(command.studyInstanceUid(), command.seriesInstanceUid(),
                    command.associationId(), command.callingAeTitle(), command.attributes(), List.copyOf(fresh),
                    instances.isEmpty(), command.studyDetails(), command.seriesDetails()));
        }
    }

    @CommandHandler
    void handle(MatchStudyToOrderCommand command) {
        requireText(command.orderId(), "the order id");
        if (command.orderId().equals(orderId)) {
            return;
        }
        if (orderId != null) {
            throw illegalTransition("study " + studyInstanceUid + " already belongs to order " + orderId);
        }
        apply(new StudyMatchedToOrderEvent(studyInstanceUid, command.orderId(), command.patient(), allCommitted()));
    }

    @CommandHandler
    void handle(MarkStudyUnmatchedCommand command) {
        require(command.reason() != null, RefusalCode.INVALID, "an unmatched study needs a reason");
        if (orderId != null) {
            throw illegalTransition("study " + studyInstanceUid + " belongs to order " + orderId);
        }
        if (command.reason() != unmatchedReason) {
            apply(new StudyUnmatchedEvent(studyInstanceUid, command.reason(), command.detail(), firstReceived));
        }
    }

    /**
     * The study's half of a reconciliation: it answers whether all its instances are committed.
     * A study whose patient is not the order's is linked only with a confirmed correction, which
     * then reassigns the study to the order's patient (IHE Patient Information Reconciliation).
     */
    @CommandHandler
    boolean handle(AssignStudyToOrderCommand command) {
        requireText(command.orderId(), "the order id");
        requireText(command.reconciledBy(), "who reconciles");
        require(command.orderPatient() != null, RefusalCode.INVALID, "the order's patient is required");
        require(orderId == null || command.orderId().equals(orderId), RefusalCode.ILLEGAL_TRANSITION,
                "study " + studyInstanceUid + " already belongs to order " + orderId);
        if (command.orderId().equals(orderId)) {
            return allCommitted();
        }
        List<PatientIdentifier> orderIdentities = new ArrayList<>();
        orderIdentities.add(command.orderPatient());
        if (command.orderFormerPatients() != null) {
            orderIdentities.addAll(command.orderFormerPatients());
        }
        boolean samePatient = orderIdentities.stream().anyMatch(this::isOwnPatient);
        require(samePatient || command.correctPatient(), RefusalCode.PATIENT_MISMATCH,
                "study " + studyInstanceUid + " is of patient " + ownPatientText() + ", order " + command.orderId()
                        + " is of patient " + command.orderPatient()
                        + ": confirm that the study's patient is corrected to the order's to link them");
        PatientIdentifier previous = ownPatient();
        apply(new StudyReconciledEvent(studyInstanceUid, command.orderId(), command.orderPatient(),
                command.reconciledBy(), command.note(), allCommitted(), command.mode()));
        if (!samePatient) {
            apply(new StudyPatientReassignedEvent(studyInstanceUid, previous, command.orderPatient()));
        }
        return allCommitted();
    }

    @CommandHandler
    void handle(DetachStudyCommand command) {
        require(orderId != null && orderId.equals(command.orderId()), RefusalCode.ILLEGAL_TRANSITION,
                "study " + studyInstanceUid + " does not belong to order " + command.orderId());
        apply(new StudyUnmatchedEvent(studyInstanceUid, UnmatchedReason.DETACHED_FROM_ORDER,
                "detached from order " + command.orderId() + " by " + command.detachedBy() + ": " + command.reason(),
                firstReceived));
    }

    /** The patient the study is filed under: the order's once linked, else the one the modality sent. */
    private PatientIdentifier ownPatient() {
        if (patient != null) {
            return patient;
        }
        String id = firstReceived == null ? null : firstReceived.patientId();
        String issuer = firstReceived == null ? null : firstReceived.issuerOfPatientId();
        return id == null || id.isBlank() || issuer == null || issuer.isBlank() ? null
                : new PatientIdentifier(id, issuer);
    }

    private String ownPatientText() {
        if (patient != null) {
            return patient.toString();
        }
        String id = firstReceived == null || firstReceived.patientId() == null ? "" : firstReceived.patientId();
        String issuer = firstReceived == null || firstReceived.issuerOfPatientId() == null ? ""
                : firstReceived.issuerOfPatientId();
        return id.isBlank() ? "(no patient id)" : id.strip() + (issuer.isBlank() ? " (no issuer)" : "^^^" + issuer);
    }

    /** Modalities often send no Issuer of Patient ID: then the id alone must agree. */
    private boolean isOwnPatient(PatientIdentifier identity) {
        if (patient != null) {
            return patient.equals(identity);
        }
        String id = firstReceived == null ? null : firstReceived.patientId();
        String issuer = firstReceived == null ? null : firstReceived.issuerOfPatientId();
        return id != null && id.strip().equals(identity.id())
                && (issuer == null || issuer.isBlank() || issuer.strip().equals(identity.issuer()));
    }

    @CommandHandler
    void handle(RequestStorageCommitmentCommand command) {
        requireText(command.transactionUid(), "the storage commitment transaction UID");
        require(command.sopInstanceUids() != null && !command.sopInstanceUids().isEmpty(), RefusalCode.INVALID,
                "a storage commitment request lists at least one instance");
        apply(new StorageCommitmentRequestedEvent(studyInstanceUid, command.transactionUid(),
                List.copyOf(command.sopInstanceUids()), command.requestingAeTitle()));
    }

    /** Instances the study never received cannot be committed, whatever the archive says. */
    @CommandHandler
    void handle(RecordStorageCommitmentCommand command) {
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>(command.failedSopInstanceUids());
        for (String uid : command.committedSopInstanceUids()) {
            (instances.contains(uid) ? ok : failed).add(uid);
        }
        Set<String> after = new HashSet<>(committed);
        after.addAll(ok);
        apply(new StorageCommittedEvent(studyInstanceUid, command.transactionUid(), List.copyOf(ok),
                List.copyOf(failed), after.containsAll(instances)));
    }

    @CommandHandler
    void handle(RecordStudyStableCommand command) {
        if (!stable && !instances.isEmpty()) {
            apply(new StudyStableEvent(studyInstanceUid, instances.size()));
        }
    }

    @CommandHandler
    void handle(ReassignStudyPatientCommand command) {
        if (!Objects.equals(command.patient(), patient)) {
            apply(new StudyPatientReassignedEvent(studyInstanceUid, patient, command.patient()));
        }
    }

    private boolean allCommitted() {
        return !instances.isEmpty() && committed.containsAll(instances);
    }

    @EventSourcingHandler
    void on(InstancesReceivedEvent event) {
        studyInstanceUid = event.studyInstanceUid();
        if (firstReceived == null) {
            firstReceived = event.attributes();
        }
        event.instances().forEach(instance -> instances.add(instance.sopInstanceUid()));
        stable = false;
    }

    @EventSourcingHandler
    void on(StudyStableEvent event) {
        stable = true;
    }

    @EventSourcingHandler
    void on(StudyMatchedToOrderEvent event) {
        orderId = event.orderId();
        patient = event.patient();
        unmatchedReason = null;
    }

    @EventSourcingHandler
    void on(StudyUnmatchedEvent event) {
        unmatchedReason = event.reason();
        if (event.reason() == UnmatchedReason.DETACHED_FROM_ORDER) {
            orderId = null;
        }
    }

    @EventSourcingHandler
    void on(StudyReconciledEvent event) {
        if (event.orderId() != null) {
            orderId = event.orderId();
        }
        if (event.patient() != null) {
            patient = event.patient();
        }
        unmatchedReason = null;
    }

    @EventSourcingHandler
    void on(StorageCommittedEvent event) {
        committed.addAll(event.committedSopInstanceUids());
    }

    @EventSourcingHandler
    void on(StudyPatientReassignedEvent event) {
        patient = event.patient();
    }
}
