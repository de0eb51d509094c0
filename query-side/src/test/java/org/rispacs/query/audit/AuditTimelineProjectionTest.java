package org.rispacs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DeliveryRetryDueEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.security.UserLockedOutEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyStableEvent;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

/**
 * The audit timeline's entries, on an index in memory: under which patients, accession numbers,
 * orders, studies and reports each event of an order's life is filed, also when it names only its
 * study, charge or delivery; merges and reassignments; and a replay that rebuilds the same.
 * (The search over these fields runs in Elasticsearch: AccessAuditIT.)
 */
class AuditTimelineProjectionTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier OTHER_PATIENT = new PatientIdentifier("P2", "HOSP");
    private static final String ORDER = "order-1";
    private static final String STUDY = "1.2.3.4";
    private static final String REPORT = "report-1";
    private static final String CHARGE = "charge-1";
    private static final String DELIVERY = "delivery-1";
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Reader", ClinicalRole.RADIOLOGIST);

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    // only the query handler searches through the client; these tests read the index in memory
    private final AuditTimelineProjection projection = new AuditTimelineProjection(null, indexes);
    private final InMemoryReadModelIndex timeline = indexes.index("audit-timeline");
    private final ProjectionHarness harness = new ProjectionHarness(projection);
    /** Each event published by its label ("e13"), the label by the event's identifier. */
    private final Map<String, EventMessage<?>> published = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();

    @Test
    void everyEventOfAnOrdersLifeIsFoundByThePatientAndByTheAccessionAssignedAfterTheOrderWasPlaced() {
        anOrdersLife();

        assertThat(foundBy("patients", PATIENT.toString())).containsExactly("e01 PatientRegisteredEvent",
                "e02 OrderPlacedEvent", "e03 AccessionAssignedEvent", "e04 ProcedureScheduledEvent",
                "e06 StudyMatchedToOrderEvent", "e07 StudyStableEvent", "e08 ReportDraftedEvent",
                "e09 ReportSignedEvent", "e10 ChargeCapturedEvent", "e11 ClaimSubmittedEvent",
                "e12 DeliveryScheduledEvent", "e13 DeliveryAttemptedEvent",
                "e14 DeliveryRetryDueEvent", "e15 DeliveryAttemptedEvent", "e16 DeliveredEvent",
                "e17 DeliveryScheduledEvent", "e18 PatientDataViewedEvent");
        assertThat(foundBy("accessionNumbers", "ACC1")).hasSize(17)
                .startsWith("e02 OrderPlacedEvent", "e03 AccessionAssignedEvent", "e04 ProcedureScheduledEvent",
                        "e05 InstancesReceivedEvent")
                .doesNotContain("e01 PatientRegisteredEvent");
    }

    @Test
    void aStudyIsFoundUnderThePatientTheModalitySentAndOnceMatchedUnderTheOrdersPatient() {
        anOrdersLife();

        assertThat(foundBy("patients", "MOD-7")).containsExactly("e05 InstancesReceivedEvent",
                "e06 StudyMatchedToOrderEvent", "e07 StudyStableEvent", "e08 ReportDraftedEvent",
                "e09 ReportSignedEvent", "e10 ChargeCapturedEvent", "e18 PatientDataViewedEvent");
        assertThat(foundBy("studyInstanceUids", STUDY)).containsExactly("e04 ProcedureScheduledEvent",
                "e05 InstancesReceivedEvent", "e06 StudyMatchedToOrderEvent", "e07 StudyStableEvent",
                "e08 ReportDraftedEvent", "e09 ReportSignedEvent", "e10 ChargeCapturedEvent",
                "e18 PatientDataViewedEvent");
    }

    @Test
    void chargesAndDeliveriesThatNameOnlyThemselvesAreFoundByTheirOrder() {
        anOrdersLife();

        assertThat(foundBy("orderIds", ORDER)).containsExactly("e02 OrderPlacedEvent",
                "e03 AccessionAssignedEvent", "e04 ProcedureScheduledEvent", "e06 StudyMatchedToOrderEvent",
                "e08 ReportDraftedEvent", "e09 ReportSignedEvent", "e10 ChargeCapturedEvent",
                "e11 ClaimSubmittedEvent", "e12 DeliveryScheduledEvent", "e13 DeliveryAttemptedEvent",
                "e14 DeliveryRetryDueEvent", "e15 DeliveryAttemptedEvent", "e16 DeliveredEvent",
                "e17 DeliveryScheduledEvent", "e18 PatientDataViewedEvent");
        assertThat(foundBy("reportIds", REPORT)).containsExactly("e08 ReportDraftedEvent", "e09 ReportSignedEvent",
                "e12 DeliveryScheduledEvent", "e16 DeliveredEvent");
    }

    @Test
    void anEntryKeepsWhoActedWhenThroughWhatAndTheEventAsStored() {
        anOrdersLife();

        TimelineEntry attempt = entry("e13");

        assertThat(attempt.type()).isEqualTo("DeliveryAttemptedEvent");
        assertThat(attempt.aggregateId()).isEqualTo(DELIVERY);
        assertThat(attempt.sequence()).isEqualTo(13);
        assertThat(attempt.timestamp()).isEqualTo(published.get("e13").getTimestamp().toString());
        assertThat(attempt.actor()).isEqualTo("system");
        assertThat(attempt.channel()).isEqualTo("hl7");
        assertThat(attempt.correlationId()).isEqualTo("corr-13");
        assertThat(attempt.payload()).contains("\"error\":\"refused\"", "\"deliveryId\":\"" + DELIVERY + "\"");
        assertThat(attempt.accessionNumbers()).containsExactly("ACC1");
        assertThat(attempt.studyInstanceUids()).isEmpty();
        TimelineEntry viewed = entry("e18");
        assertThat(viewed.aggregateId()).isNull();
        assertThat(viewed.sequence()).isZero();
        assertThat(viewed.toAuditEntry().patients()).containsExactly(PATIENT.toString(), "MOD-7");
    }

    @Test
    void aFhirSubscriptionsNotificationDeliveryIsKeptWithoutAnOrderAndItsHeadersWithoutTheirValues() {
        anOrdersLife();
        publish("e20", "s1", new SubscriptionCreatedEvent("s1", SubscriptionTopic.REPORT_FINALIZED, null,
                new SubscriptionChannel("https://ehr.example/hook", List.of("Authorization: Bearer s3cret", "X-Trace"),
                        "application/fhir+json", SubscriptionPayload.ID_ONLY), "results", null));
        SubscriptionNotification notification = new SubscriptionNotification("s1", 1,
                SubscriptionTopic.REPORT_FINALIZED, REPORT);
        publish("e21", "subscription/s1/1", new DeliveryScheduledEvent("subscription/s1/1",
                DeliveryKind.FHIR_NOTIFICATION, "s1", null, null, null, null, notification));
        publish("e22", "subscription/s1/1", new DeliveryAttemptedEvent("subscription/s1/1", 1, true, "200", null));

        TimelineEntry created = entry("e20");
        assertThat(created.payload()).contains("\"headers\":[\"Authorization: ***\",\"***\"]",
                "\"endpoint\":\"https://ehr.example/hook\"", "\"payload\":\"ID_ONLY\"").doesNotContain("s3cret");
        TimelineEntry scheduled = entry("e21");
        assertThat(scheduled.orderIds()).isEmpty();
        assertThat(scheduled.patients()).isEmpty();
        assertThat(scheduled.payload()).contains("\"eventNumber\":1", "\"focusId\":\"" + REPORT + "\"");
        assertThat(entry("e22").orderIds()).isEmpty();
        assertThat(foundBy("orderIds", ORDER)).doesNotContain("e21 DeliveryScheduledEvent",
                "e22 DeliveryAttemptedEvent");
    }

    @Test
    void aSecurityEventIsFoundByTheAccountItConcerns() {
        publish("e01", "admin", new UserLockedOutEvent("jdoe", "10.0.0.1", 5, harness.now().plusSeconds(900)));

        assertThat(foundBy("users", "jdoe")).containsExactly("e01 UserLockedOutEvent");
        assertThat(foundBy("patients", "jdoe")).isEmpty();
    }

    @Test
    void aQueryRetrieveRequestThatMatchedNothingIsTheCallersAndOnNoPatientsTimeline() {
        Map<String, String> fromWorkstation = Map.of(AuditMetadata.ACTOR, QueryRetrieveViews.actor("WS1"),
                AuditMetadata.CHANNEL, "dicom");
        remember("q1", harness.publish("qr", 0, new PatientDataViewedEvent(QueryRetrieveViews.find("STUDY"),
                List.of(PATIENT), null, null, null, null), fromWorkstation));
        remember("q2", harness.publish("qr", 1, new PatientDataViewedEvent(QueryRetrieveViews.find("STUDY"),
                List.of(), null, null, null, null), fromWorkstation));

        assertThat(foundBy("patients", PATIENT.toString())).containsExactly("q1 PatientDataViewedEvent");
        assertThat(entry("q2").patients()).isEmpty();
        assertThat(entry("q2").actor()).isEqualTo("dicom:WS1");
    }

    @Test
    void aMergeAndAReassignmentAreFoundUnderBothPatientsAndTheOrdersLaterEventsUnderTheNewOne() {
        publish("e01", PATIENT.toString(), new PatientRegisteredEvent(PATIENT, demographics()));
        publish("e02", OTHER_PATIENT.toString(), new PatientRegisteredEvent(OTHER_PATIENT, demographics()));
        publish("e03", ORDER, placed());
        publish("e04", PATIENT.toString(), new PatientsMergedEvent(PATIENT, OTHER_PATIENT));
        publish("e05", ORDER, new OrderPatientReassignedEvent(ORDER, PATIENT, OTHER_PATIENT));
        publish("e06", STUDY, new StudyPatientReassignedEvent(STUDY, PATIENT, OTHER_PATIENT));
        publish("e07", ORDER, new OrderCancelledEvent(ORDER, "merged duplicate"));

        assertThat(foundBy("patients", PATIENT.toString())).containsExactly("e01 PatientRegisteredEvent",
                "e03 OrderPlacedEvent", "e04 PatientsMergedEvent", "e05 OrderPatientReassignedEvent",
                "e06 StudyPatientReassignedEvent");
        assertThat(foundBy("patients", OTHER_PATIENT.toString())).containsExactly("e02 PatientRegisteredEvent",
                "e04 PatientsMergedEvent", "e05 OrderPatientReassignedEvent", "e06 StudyPatientReassignedEvent",
                "e07 OrderCancelledEvent");
    }

    @Test
    void aReplayAfterResetRebuildsTheSameTimelineAndLinks() {
        anOrdersLife();
        Map<String, Map<String, Object>> timelineBefore = timeline.documents();
        Map<String, Map<String, Object>> linksBefore = indexes.index("audit-orders").documents();

        harness.rebuild();

        // without the reset the links would be ahead of the replayed events and file some under more
        assertThat(timeline.documents()).hasSize(18).isEqualTo(timelineBefore);
        assertThat(indexes.index("audit-orders").documents()).containsKeys(ORDER, STUDY, CHARGE, DELIVERY)
                .isEqualTo(linksBefore);
    }

    /**
     * Events handled again without a reset (a batch redelivered after a crash) find the links as
     * they are now, which may know more than when the events first came: an entry may gain a patient
     * or accession, never lose one.
     */
    @Test
    void eventsHandledAgainWithoutAResetKeepEveryLinkTheyHad() {
        anOrdersLife();
        Map<String, Map<String, Object>> once = timeline.documents();

        harness.replayOver();

        Map<String, Map<String, Object>> twice = timeline.documents();
        assertThat(twice).containsOnlyKeys(once.keySet());
        once.forEach((id, before) -> before.forEach((field, value) -> {
            if (value instanceof List<?> filedUnder) {
                @SuppressWarnings("unchecked")
                List<Object> now = (List<Object>) twice.get(id).get(field);
                assertThat(now).as("%s of %s", field, id).containsAll(filedUnder);
            } else {
                assertThat(twice.get(id).get(field)).as("%s of %s", field, id).isEqualTo(value);
            }
        }));
        assertThat(entry("e05").patients()).containsExactly("MOD-7", PATIENT.toString());
    }

    /** An order placed, scheduled, imaged, reported, charged and delivered, with a view of it by a user. */
    private void anOrdersLife() {
        ReceivedStudyAttributes sent = new ReceivedStudyAttributes("MOD-7", null, "DOE^JANE", "acc1", "CT", "CT HEAD");
        publish("e01", PATIENT.toString(), new PatientRegisteredEvent(PATIENT, demographics()));
        publish("e02", ORDER, placed());
        publish("e03", ORDER, new AccessionAssignedEvent(ORDER, "acc1", false));
        publish("e04", ORDER, new ProcedureScheduledEvent(ORDER, "ACC1", "RP1", "SPS1", STUDY,
                LocalDateTime.parse("2026-03-02T09:00:00"), "CT1", "CT one", "Room 1"));
        publish("e05", STUDY, new InstancesReceivedEvent(STUDY, STUDY + ".1", "assoc-1", "CT1", sent,
                List.of(new ReceivedInstance(STUDY + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        1024, "abc")), true));
        publish("e06", STUDY, new StudyMatchedToOrderEvent(STUDY, ORDER, PATIENT, true));
        publish("e07", STUDY, new StudyStableEvent(STUDY, 1));
        publish("e08", REPORT, new ReportDraftedEvent(REPORT, ORDER, STUDY, RADIOLOGIST, "draft"));
        publish("e09", REPORT, new ReportSignedEvent(REPORT, ORDER, STUDY, RADIOLOGIST, "final"));
        publish("e10", CHARGE, new ChargeCapturedEvent(CHARGE, ORDER, STUDY, PATIENT, procedure(), "CT"));
        publish("e11", CHARGE, new ClaimSubmittedEvent(CHARGE, "claim-1"));
        publish("e12", DELIVERY, new DeliveryScheduledEvent(DELIVERY,
                DeliveryKind.REPORT_RESULT, "EHR", ORDER, REPORT, ResultStatus.FINAL, null, null));
        publish("e13", DELIVERY, new DeliveryAttemptedEvent(DELIVERY, 1, false, "AE", "refused"));
        publish("e14", DELIVERY, new DeliveryRetryDueEvent(DELIVERY, DeliveryKind.REPORT_RESULT, 2));
        publish("e15", DELIVERY, new DeliveryAttemptedEvent(DELIVERY, 2, true, "AA", null));
        publish("e16", DELIVERY, new DeliveredEvent(DELIVERY, DeliveryKind.REPORT_RESULT, REPORT, "EHR", "AA"));
        publish("e17", "delivery-2", new DeliveryScheduledEvent("delivery-2",
                DeliveryKind.CHARGE, "BILLING", ORDER, null, null, CHARGE, null));
        // an access audit: appended without an aggregate
        remember("e18", harness.publish(new PatientDataViewedEvent("order", List.of(PATIENT), ORDER, null, STUDY,
                null)));
    }

    /** A domain event, numbered after its label, by the system through HL7. */
    private void publish(String label, String aggregateId, Object payload) {
        int number = Integer.parseInt(label.substring(1));
        remember(label, harness.publish(aggregateId, number, payload, Map.of(AuditMetadata.ACTOR, "system",
                AuditMetadata.CHANNEL, "hl7", "correlationId", "corr-" + number)));
    }

    private void remember(String label, EventMessage<?> message) {
        published.put(label, message);
        labels.put(message.getIdentifier(), label);
    }

    private TimelineEntry entry(String label) {
        return timeline.find(published.get(label).getIdentifier(), TimelineEntry.class);
    }

    /** The entries filed under {@code value} in the index field {@code field}, as "label type", in event order. */
    private List<String> foundBy(String field, String value) {
        return timeline.documents().entrySet().stream()
                .filter(document -> document.getValue().get(field) instanceof List<?> values && values.contains(value))
                .map(document -> labels.get(document.getKey()) + " " + document.getValue().get("type"))
                .sorted()
                .toList();
    }

    private static OrderPlacedEvent placed() {
        return new OrderPlacedEvent(ORDER, PATIENT, "PLACER-1", procedure(), "CT", OrderPriority.ROUTINE,
                "headache", "Dr Who");
    }

    private static ProcedureCode procedure() {
        return new ProcedureCode("CTHEAD", "LOCAL", "CT head");
    }

    private static Demographics demographics() {
        return new Demographics(new PersonName("Doe", "Jane", null, null, null), null, "F");
    }
}
