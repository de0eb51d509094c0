package org.rispacs.fhir.audit;

import static org.rispacs.fhir.audit.AuditEventType.APPLICATION_ACTIVITY;
import static org.rispacs.fhir.audit.AuditEventType.AUDIT_LOG_USED;
import static org.rispacs.fhir.audit.AuditEventType.EXPORT;
import static org.rispacs.fhir.audit.AuditEventType.INSTANCES_ACCESSED;
import static org.rispacs.fhir.audit.AuditEventType.INSTANCES_TRANSFERRED;
import static org.rispacs.fhir.audit.AuditEventType.ORDER_RECORD;
import static org.rispacs.fhir.audit.AuditEventType.PATIENT_RECORD;
import static org.rispacs.fhir.audit.AuditEventType.PROCEDURE_RECORD;
import static org.rispacs.fhir.audit.AuditEventType.QUERY;
import static org.rispacs.fhir.audit.AuditEventType.SECURITY_ALERT;
import static org.rispacs.fhir.audit.AuditEventType.USER_AUTHENTICATION;
import static org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.C;
import static org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.D;
import static org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.E;
import static org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.R;
import static org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.U;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.fhir.server.FhirCommandRequests;

/**
 * Which {@link AuditEventKind} each event of the trail is, after IHE BALP: a request over FHIR is a
 * RESTful operation ({@code rest}, with the interaction as subtype, as BALP's Read, Query, Create and
 * Update patterns have it); everything else takes the DICOM audit event id of the record it creates,
 * changes or shows (patient, order, procedure, instances, export, query, authentication, security).
 * The table is documented in docs/conformance/fhir.md, section AuditEvent.
 */
final class AuditEventKinds {

    static final String VIEWED = "PatientDataViewedEvent";
    static final String FHIR_CHANNEL = FhirCommandRequests.CHANNEL;

    private static final String LOGIN = "110122";
    private static final String ROLES_CHANGED = "110136";
    private static final String USER_ATTRIBUTES_CHANGED = "110137";
    private static final AuditEventKind UNKNOWN = new AuditEventKind(APPLICATION_ACTIVITY, E);
    private static final Map<String, AuditEventKind> BY_TYPE = new HashMap<>();
    private static final Set<String> FAILURES = Set.of("UserSignInFailedEvent", "StudyAttachmentRefusedEvent",
            "StorageCommitmentReportFailedEvent");

    static {
        kind(PATIENT_RECORD, C, "PatientRegisteredEvent", "ReportDraftedEvent");
        kind(PATIENT_RECORD, U, "PatientDemographicsUpdatedEvent", "PatientsMergedEvent", "ReportRevisedEvent",
                "ReportSignedPreliminaryEvent", "ReportSignedEvent", "ReportAddendedEvent");
        kind(ORDER_RECORD, C, "OrderPlacedEvent", "ChargeCapturedEvent");
        kind(ORDER_RECORD, U, "AccessionAssignedEvent", "OrderUpdatedEvent", "OrderPatientReassignedEvent",
                "OrderCancelledEvent", "StudyAttachedToOrderEvent", "StudyLinkedToOrderEvent",
                "StudyDetachedFromOrderEvent", "StudyAttachmentRefusedEvent", "ChargeVoidedEvent",
                "ClaimSubmittedEvent", "ClaimDeniedEvent", "ClaimPaidEvent");
        kind(PROCEDURE_RECORD, C, "ProcedureScheduledEvent", "PerformedProcedureStepStartedEvent",
                "UnscheduledProcedureStepStartedEvent");
        kind(PROCEDURE_RECORD, U, "ProcedureRescheduledEvent", "ProcedureStepStartedEvent",
                "ProcedureStepCompletedEvent", "ProcedureStepDiscontinuedEvent", "PerformedProcedureStepCompletedEvent",
                "PerformedProcedureStepDiscontinuedEvent", "UnscheduledProcedureStepCompletedEvent",
                "UnscheduledProcedureStepDiscontinuedEvent");
        kind(INSTANCES_TRANSFERRED, C, "InstancesReceivedEvent");
        kind(INSTANCES_ACCESSED, U, "StudyMatchedToOrderEvent", "StudyUnmatchedEvent", "StudyReconciledEvent",
                "StudyPatientReassignedEvent", "StudyStableEvent");
        kind(INSTANCES_ACCESSED, E, "StorageCommitmentRequestedEvent", "StorageCommittedEvent");
        kind(EXPORT, E, "DeliveryScheduledEvent", "DeliveryRetryDueEvent", "SubscriptionNotificationTriggeredEvent");
        // a FHIR subscription is a standing export of patient data to its endpoint
        kind(EXPORT, C, "SubscriptionCreatedEvent");
        kind(EXPORT, D, "SubscriptionDeletedEvent");
        kind(EXPORT, R, "DeliveryAttemptedEvent", "DeliveredEvent", "DeliveryFailedEvent",
                "StorageCommitmentReportDeliveredEvent", "StorageCommitmentReportFailedEvent");
        kind(QUERY, E, "WorklistQueryServedEvent");
        dicom(USER_AUTHENTICATION, E, LOGIN, "Login", "UserSignedInEvent", "UserSignInFailedEvent");
        dicom(SECURITY_ALERT, C, USER_ATTRIBUTES_CHANGED, "User Security Attributes Changed",
                "UserAccountCreatedEvent");
        dicom(SECURITY_ALERT, U, USER_ATTRIBUTES_CHANGED, "User Security Attributes Changed",
                "UserAccountEnabledChangedEvent", "UserPasswordChangedEvent", "UserPasswordResetEvent",
                "UserLockedOutEvent");
        dicom(SECURITY_ALERT, U, ROLES_CHANGED, "Security Roles Changed", "UserRolesChangedEvent");
    }

    private AuditEventKinds() {
    }

    private static void kind(AuditEventType type, AuditEventAction action, String... eventTypes) {
        for (String eventType : eventTypes) {
            BY_TYPE.put(eventType, new AuditEventKind(type, action));
        }
    }

    private static void dicom(AuditEventType type, AuditEventAction action, String code, String display,
                              String... eventTypes) {
        for (String eventType : eventTypes) {
            BY_TYPE.put(eventType, AuditEventKind.dicom(type, action, code, display));
        }
    }

    /** Whether an event type has a kind of its own (an unknown one shows as Application Activity). */
    static boolean known(String eventType) {
        return VIEWED.equals(eventType) || BY_TYPE.containsKey(eventType);
    }

    static AuditEventKind of(FhirAuditRecord event) {
        if (VIEWED.equals(event.type())) {
            return viewed(event.fields().get("view"), event.channel());
        }
        AuditEventKind kind = BY_TYPE.getOrDefault(event.type(), UNKNOWN);
        if (FHIR_CHANNEL.equals(event.channel())) {
            return AuditEventKind.rest(kind.action(), interaction(kind.action()));
        }
        return kind;
    }

    /**
     * A view of patient data: over FHIR a read or a search; a DICOM C-FIND a query, a C-MOVE or C-GET
     * a transfer of instances; a view of the audit trail Audit Log Used; any other page or REST answer a
     * read of the patient record.
     */
    static AuditEventKind viewed(String view, String channel) {
        if (FHIR_CHANNEL.equals(channel)) {
            return searched(view) ? AuditEventKind.rest(E, "search-type") : AuditEventKind.rest(R, "read");
        }
        String dicomKind = QueryRetrieveViews.kindOf(view);
        if ("find".equals(dicomKind)) {
            return new AuditEventKind(QUERY, E);
        }
        if (dicomKind != null) {
            return new AuditEventKind(INSTANCES_TRANSFERRED, R);
        }
        if (view != null && view.contains("audit")) {
            return new AuditEventKind(AUDIT_LOG_USED, R);
        }
        return new AuditEventKind(PATIENT_RECORD, R);
    }

    /** A view that answered a search (its name ends with {@code -search}). */
    static boolean searched(String view) {
        return view != null && view.endsWith("-search");
    }

    /** Success, or the failure an event reports (a refused sign-in, a delivery not acknowledged...). */
    static AuditEventOutcome outcome(FhirAuditRecord event) {
        boolean unacknowledged = "DeliveryAttemptedEvent".equals(event.type())
                && !"true".equals(event.fields().get("acknowledged"));
        if (FAILURES.contains(event.type()) || unacknowledged) {
            return AuditEventOutcome._4;
        }
        if ("DeliveryFailedEvent".equals(event.type())) {
            return AuditEventOutcome._8;
        }
        return AuditEventOutcome._0;
    }

    private static String interaction(AuditEventAction action) {
        return switch (action) {
            case C -> "create";
            case R -> "read";
            case U -> "update";
            case D -> "delete";
            default -> "operation";
        };
    }
}
