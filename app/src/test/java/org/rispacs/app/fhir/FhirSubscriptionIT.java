package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.interfaces.DestinationHealth;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptions;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.SearchFhirSubscriptionsQuery;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.fhir.subscription.SubscriptionTopics;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * FHIR topic-based subscriptions (R4 Subscriptions Backport IG) end to end: an EHR subscribes with
 * HAPI's generic client, the department signs and amends reports and receives studies as it does
 * every day, and a rest-hook receiver on loopback (the JDK's HTTP server) gets the notification
 * Bundles: within seconds, in order, once each, after an outage too, with the outage shown in the
 * interface health; refusals keep nothing, and a deleted subscription is notified no more.
 */
class FhirSubscriptionIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final Actor RADIOLOGIST = new Actor("rad1", "Dr Ralf Radiologist", ClinicalRole.RADIOLOGIST);
    private static final Duration SECONDS = Duration.ofSeconds(20);
    private static final RestHookReceiver RECEIVER = RestHookReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
        registry.add("ris.fhir.subscriptions.allowed-endpoints", RECEIVER::base);
        registry.add("ris.fhir.subscriptions.read-timeout", () -> "2s");
        registry.add("ris.fhir.subscriptions.server-url", () -> "https://ris.hospital.example/fhir");
        // an outage outlasts a few retries, one a second, not all of them
        registry.add("ris.workflow.report-delivery.max-attempts", () -> "100");
        registry.add("ris.workflow.report-delivery.initial-delay", () -> "1s");
        registry.add("ris.workflow.report-delivery.multiplier", () -> "1");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Test
    void theCapabilityStatementOffersSubscriptionsWithTheTopicsAndStatus() {
        CapabilityStatement capabilities = valid(fhir().capabilities().ofType(CapabilityStatement.class).execute());

        CapabilityStatementRestResourceComponent subscriptions = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("Subscription")).findFirst().orElseThrow();
        assertThat(subscriptions.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("create", "read", "delete", "search-type");
        assertThat(subscriptions.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("status", "url");
        assertThat(subscriptions.getOperation()).extracting(one -> one.getName() + " " + one.getDefinition())
                .containsExactly("status http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/"
                        + "backport-subscription-status");
        assertThat(subscriptions.getExtensionsByUrl("http://hl7.org/fhir/uv/subscriptions-backport/"
                + "StructureDefinition/capabilitystatement-subscriptiontopic-canonical"))
                .extracting(extension -> extension.getValue().primitiveValue())
                .containsExactly(SubscriptionTopics.REPORT_FINALIZED, SubscriptionTopics.STUDY_AVAILABLE);
    }

    @Test
    void aFinalSignatureIsNotifiedWithinSecondsAndAnAddendumAsTheSecondEventToThePatientsSubscriberOnly()
            throws Exception {
        TestDepartment department = department();
        PatientIdentifier patient = department.patient("Notified", "Nora");
        PatientIdentifier other = department.patient("Other", "Otto");
        String patientId = FhirPatientIds.of(patient);
        Subscription request = subscription(SubscriptionTopics.REPORT_FINALIZED, "reports", "full-resource");
        request.getCriteriaElement().addExtension(FILTER, new StringType("DiagnosticReport?patient=Patient/"
                + patientId));
        request.getChannel().addHeader("Authorization: Bearer hook-secret");
        MethodOutcome created = fhir().create().resource(request).execute();
        Subscription subscription = valid((Subscription) created.getResource());
        String subscriptionId = subscription.getIdElement().getIdPart();
        String all = create(subscription(SubscriptionTopics.REPORT_FINALIZED, "all-reports", "id-only"));

        // all input content is kept and shown, the header's value only in the state
        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId().getVersionIdPart()).isEqualTo(subscription.getMeta().getVersionId());
        assertThat(subscription.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscription.getCriteria()).isEqualTo(SubscriptionTopics.REPORT_FINALIZED);
        assertThat(subscription.getCriteriaElement().getExtensionsByUrl(FILTER))
                .extracting(extension -> extension.getValue().primitiveValue())
                .containsExactly("DiagnosticReport?patient=Patient/" + patientId);
        assertThat(subscription.getReason()).isEqualTo("Results for the EHR");
        assertThat(subscription.getEnd()).isEqualTo(request.getEnd());
        assertThat(subscription.getChannel().getType()).isEqualTo(SubscriptionChannelType.RESTHOOK);
        assertThat(subscription.getChannel().getEndpoint()).isEqualTo(RECEIVER.url("reports"));
        assertThat(subscription.getChannel().getPayload()).isEqualTo("application/fhir+json");
        assertThat(subscription.getChannel().getPayloadElement().getExtensionByUrl(CONTENT).getValue()
                .primitiveValue()).isEqualTo("full-resource");
        assertThat(subscription.getChannel().getHeader()).extracting(StringType::getValue)
                .containsExactly("Authorization: ***");
        FhirSubscription kept = state(subscriptionId);
        assertThat(kept.topic()).isEqualTo(SubscriptionTopic.REPORT_FINALIZED);
        assertThat(kept.patientId()).isEqualTo(patientId);
        assertThat(kept.reason()).isEqualTo("Results for the EHR");
        assertThat(kept.end()).isEqualTo(request.getEnd().toInstant());
        assertThat(kept.channel()).isEqualTo(new SubscriptionChannel(RECEIVER.url("reports"),
                List.of("Authorization: Bearer hook-secret"), "application/fhir+json",
                SubscriptionPayload.FULL_RESOURCE));
        assertThat(valid(fhir().read().resource(Subscription.class).withId(subscriptionId).execute())
                .getChannel().getEndpoint()).isEqualTo(RECEIVER.url("reports"));

        // the final signature: event 1, within seconds, with the final report
        String reportId = signedReport(department, patient, "IMPRESSION: Normal chest.");
        RestHookReceiver.Received first = eventually(SECONDS, () -> RECEIVER.accepted("reports"),
                received -> received.size() == 1).get(0);
        assertThat(first.header("Authorization")).isEqualTo("Bearer hook-secret");
        assertThat(first.header("Content-Type")).startsWith("application/fhir+json");
        Bundle notification = notification(first);
        assertStatus(notification, subscriptionId, 1, "DiagnosticReport/" + reportId);
        DiagnosticReport report = (DiagnosticReport) notification.getEntry().get(1).getResource();
        assertThat(report.getIdElement().getIdPart()).isEqualTo(reportId);
        assertThat(report.getStatus()).isEqualTo(DiagnosticReportStatus.FINAL);
        assertThat(report.getConclusion()).isEqualTo("Normal chest.");
        assertThat(report.getSubject().getReference()).isEqualTo("Patient/" + patientId);

        // the addendum: event 2, the report amended (appended, R4's kind of amended)
        department.send(new AddendReportCommand(reportId, RADIOLOGIST, "Follow-up in six weeks."));
        Bundle second = notification(eventually(SECONDS, () -> RECEIVER.accepted("reports"),
                received -> received.size() == 2).get(1));
        assertStatus(second, subscriptionId, 2, "DiagnosticReport/" + reportId);
        assertThat(((DiagnosticReport) second.getEntry().get(1).getResource()).getStatus())
                .isEqualTo(DiagnosticReportStatus.APPENDED);

        // another patient's report reaches the subscription for all patients, not the filtered one
        String otherReportId = signedReport(department, other, "IMPRESSION: Fracture.");
        List<RestHookReceiver.Received> everyone = eventually(SECONDS, () -> RECEIVER.accepted("all-reports"),
                received -> received.size() == 3);
        assertThat(everyone.stream().map(FhirSubscriptionIT::notification).map(FhirSubscriptionIT::focus).toList())
                .containsExactly("DiagnosticReport/" + reportId, "DiagnosticReport/" + reportId,
                        "DiagnosticReport/" + otherReportId);
        Bundle idOnly = notification(everyone.get(2));
        assertStatus(idOnly, all, 3, "DiagnosticReport/" + otherReportId);
        assertThat(idOnly.getEntry().get(1).hasResource()).as("id-only").isFalse();
        assertThat(RECEIVER.received("reports")).hasSize(2);

        // $status: events since start, as the IG's searchset of one
        Bundle status = valid(fhir().operation().onInstance("Subscription/" + subscriptionId).named("$status")
                .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute());
        Parameters queried = (Parameters) status.getEntryFirstRep().getResource();
        assertThat(queried.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");
        assertThat(queried.getParameter("events-since-subscription-start").getValue().primitiveValue())
                .isEqualTo("2");
    }

    @Test
    void whileTheReceiverIsDownTheAlertShowsAndOnceBackItGetsEveryNotificationInOrderOnce() {
        TestDepartment department = department();
        PatientIdentifier patient = department.patient("Outage", "Olga");
        Subscription request = subscription(SubscriptionTopics.REPORT_FINALIZED, "down", "id-only");
        request.getCriteriaElement().addExtension(FILTER, new StringType("DiagnosticReport?patient=Patient/"
                + FhirPatientIds.of(patient)));
        String subscriptionId = create(request);
        RECEIVER.answer("down", 503);

        String reportId = signedReport(department, patient, "IMPRESSION: One.");
        department.send(new AddendReportCommand(reportId, RADIOLOGIST, "Two."));
        department.send(new AddendReportCommand(reportId, RADIOLOGIST, "Three."));

        InterfaceHealth health = eventually(SECONDS, this::health, now -> notifications(now, subscriptionId)
                .filter(d -> d.pending() == 3 && d.unackedOverdue() == 3 && d.attempts() >= 2).isPresent());
        DestinationHealth down = notifications(health, subscriptionId).orElseThrow();
        assertThat(down.delivered()).isZero();
        assertThat(down.lastError()).contains("HTTP 503");
        assertThat(health.alerts()).anySatisfy(alert -> {
            assertThat(alert.kind()).isEqualTo(InterfaceAlert.DELIVERY_UNACKED);
            assertThat(alert.subject()).isEqualTo(subscriptionId);
            assertThat(alert.count()).isEqualTo(3);
        });
        assertThat(RECEIVER.received("down")).as("only the first is tried while it is not accepted")
                .extracting(received -> eventNumber(notification(received))).containsOnly(1L);

        RECEIVER.answer("down", 200);
        List<RestHookReceiver.Received> accepted = eventually(SECONDS, () -> RECEIVER.accepted("down"),
                received -> received.size() == 3);
        assertThat(accepted).extracting(received -> eventNumber(notification(received))).containsExactly(1L, 2L, 3L);
        DestinationHealth back = eventually(SECONDS, () -> notifications(health(), subscriptionId).orElseThrow(),
                now -> now.delivered() == 3);
        assertThat(back.pending()).isZero();
        assertThat(RECEIVER.received("down")).extracting(received -> eventNumber(notification(received)))
                .as("in order: each tried only once the one before was accepted").isSorted();
        assertThat(RECEIVER.accepted("down")).hasSize(3);
    }

    @Test
    void aStudyArrivingIsNotifiedWithTheImagingStudy() {
        TestDepartment department = department();
        PatientIdentifier patient = department.patient("Study", "Stella");
        Subscription request = subscription(SubscriptionTopics.STUDY_AVAILABLE, "studies", "full-resource");
        request.getCriteriaElement().addExtension(FILTER, new StringType("ImagingStudy?patient=Patient/"
                + FhirPatientIds.of(patient)));
        String subscriptionId = create(request);

        String studyUid = department.acquire(patient, department.order(patient, "CT"), "CT");

        Bundle notification = notification(eventually(SECONDS, () -> RECEIVER.accepted("studies"),
                received -> received.size() == 1).get(0));
        assertStatus(notification, subscriptionId, 1, "ImagingStudy/" + studyUid);
        assertThat(notification.getEntry().get(1).getResource()).isInstanceOfSatisfying(ImagingStudy.class,
                study -> {
                    assertThat(study.getIdElement().getIdPart()).isEqualTo(studyUid);
                    assertThat(study.getNumberOfInstances()).isEqualTo(1);
                    assertThat(study.getSubject().getIdentifier().getValue()).isEqualTo(patient.id());
                });
    }

    @Test
    void refusalsAreOperationOutcomesAndKeepNothing() throws Exception {
        long before = total();
        assertRefused(s -> s.getChannel().setType(SubscriptionChannelType.WEBSOCKET), "only rest-hook");
        assertRefused(s -> s.getChannel().setEndpoint("https://elsewhere.example/hooks/x"), "is not allowed");
        assertRefused(s -> s.getCriteriaElement().addExtension(FILTER,
                new StringType("DiagnosticReport?status=final")), "DiagnosticReport?patient=Patient/<id>");
        assertRefused(s -> s.setCriteria("DiagnosticReport?status=final"), SubscriptionTopics.REPORT_FINALIZED);
        assertRefused(s -> s.getChannel().getPayloadElement().getExtension().clear(), "full-resource");
        HttpResponse<String> malformed = FhirTestClient.onPort(port).post("/fhir/Subscription",
                "{\"resourceType\":\"Subscription\",\"status\":", TestApi.USER, TestApi.PASSWORD);
        assertThat(malformed.statusCode()).isEqualTo(400);
        OperationOutcome unparsed = valid((OperationOutcome) FhirTestClient.FHIR.newJsonParser()
                .parseResource(malformed.body()));
        assertThat(unparsed.getIssueFirstRep().getDiagnostics()).isNotBlank();

        assertThat(total()).as("nothing kept").isEqualTo(before);
        assertThat(searchByUrl(fhir(), "Subscription?_count=0").getTotal()).isEqualTo(before);
    }

    @Test
    void aDeletedSubscriptionIsOffAndNotifiedNoMore() {
        TestDepartment department = department();
        PatientIdentifier patient = department.patient("Deleted", "Dora");
        String filter = "DiagnosticReport?patient=Patient/" + FhirPatientIds.of(patient);
        Subscription request = subscription(SubscriptionTopics.REPORT_FINALIZED, "deleted", "empty");
        request.getCriteriaElement().addExtension(FILTER, new StringType(filter));
        String deleted = create(request);
        Subscription witness = subscription(SubscriptionTopics.REPORT_FINALIZED, "witness", "empty");
        witness.getCriteriaElement().addExtension(FILTER, new StringType(filter));
        create(witness);
        signedReport(department, patient, "IMPRESSION: Before.");
        Bundle empty = notification(eventually(SECONDS, () -> RECEIVER.accepted("deleted"),
                received -> received.size() == 1).get(0));
        assertThat(empty.getEntry()).as("empty: the status alone").hasSize(1);

        fhir().delete().resourceById("Subscription", deleted).execute();

        Subscription off = valid(fhir().read().resource(Subscription.class).withId(deleted).execute());
        assertThat(off.getStatus()).isEqualTo(SubscriptionStatus.OFF);
        assertThat(searchByUrl(fhir(), "Subscription?status=off").getEntry())
                .extracting(entry -> entry.getResource().getIdElement().getIdPart()).contains(deleted);
        assertThat(searchByUrl(fhir(), "Subscription?status=active&_count=500").getEntry())
                .extracting(entry -> entry.getResource().getIdElement().getIdPart()).doesNotContain(deleted);
        signedReport(department, patient, "IMPRESSION: After.");
        eventually(SECONDS, () -> RECEIVER.accepted("witness"), received -> received.size() == 2);
        assertThat(RECEIVER.received("deleted")).hasSize(1);
    }

    private static final String FILTER =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-filter-criteria";
    private static final String CONTENT =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";

    private void assertRefused(Consumer<Subscription> change, String named) {
        Subscription request = subscription(SubscriptionTopics.REPORT_FINALIZED, "refused", "id-only");
        change.accept(request);
        BaseServerResponseException refusal = catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir().create().resource(request).execute());
        OperationOutcome answer = outcome(refusal, 422);
        assertThat(answer.getIssueFirstRep().getDiagnostics()).contains(named);
    }

    private static Subscription subscription(String topic, String hook, String content) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile("http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/"
                + "backport-subscription");
        subscription.setStatus(SubscriptionStatus.REQUESTED);
        subscription.setReason("Results for the EHR");
        subscription.setEnd(Date.from(Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)));
        subscription.setCriteria(topic);
        subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(RECEIVER.url(hook))
                .setPayload("application/fhir+json");
        subscription.getChannel().getPayloadElement().addExtension(CONTENT, new CodeType(content));
        return subscription;
    }

    private String create(Subscription request) {
        MethodOutcome created = fhir().create().resource(request).execute();
        assertThat(created.getResource()).as("shown once kept").isNotNull();
        return created.getId().getIdPart();
    }

    private String signedReport(TestDepartment department, PatientIdentifier patient, String text) {
        String orderId = department.order(patient, "CT");
        String studyUid = department.acquire(patient, orderId, "CT");
        String reportId = UUID.randomUUID().toString();
        department.send(new DraftReportCommand(reportId, orderId, studyUid, RADIOLOGIST, text));
        department.send(new SignReportCommand(reportId, RADIOLOGIST));
        return reportId;
    }

    private static Bundle notification(RestHookReceiver.Received received) {
        Bundle bundle = valid(FhirTestClient.FHIR.newJsonParser().parseResource(Bundle.class, received.body()));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(bundle.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(
                "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/"
                        + "backport-subscription-notification-r4");
        assertThat(bundle.getEntryFirstRep().getResource()).as("the status first").isInstanceOf(Parameters.class);
        return bundle;
    }

    private static void assertStatus(Bundle notification, String subscriptionId, long eventNumber, String focus) {
        Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
        assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                .isEqualTo("https://ris.hospital.example/fhir/Subscription/" + subscriptionId);
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("active");
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
        assertThat(eventNumber(notification)).isEqualTo(eventNumber);
        assertThat(part(status.getParameter("notification-event"), "timestamp")).isNotNull();
        assertThat(status.getParameter("topic").getValue().primitiveValue()).isIn(SubscriptionTopics.REPORT_FINALIZED,
                SubscriptionTopics.STUDY_AVAILABLE);
        assertThat(focus(notification)).isEqualTo(focus);
        assertThat(notification.getEntry().get(1).getFullUrl()).isEqualTo("https://ris.hospital.example/fhir/"
                + focus);
    }

    private static long eventNumber(Bundle notification) {
        Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
        return Long.parseLong(part(status.getParameter("notification-event"), "event-number").getValue()
                .primitiveValue());
    }

    private static String focus(Bundle notification) {
        Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
        return ((Reference) part(status.getParameter("notification-event"), "focus").getValue()).getReference()
                .replace("https://ris.hospital.example/fhir/", "");
    }

    private static ParametersParameterComponent part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(part -> part.getName().equals(name)).findFirst().orElse(null);
    }

    private FhirSubscription state(String subscriptionId) {
        return queries.query(new FindFhirSubscriptionQuery(subscriptionId),
                ResponseTypes.optionalInstanceOf(FhirSubscription.class)).join().orElseThrow();
    }

    private long total() {
        return queries.query(new SearchFhirSubscriptionsQuery(null, null, 0, 0),
                ResponseTypes.instanceOf(FhirSubscriptions.class)).join().total();
    }

    private InterfaceHealth health() {
        return queries.query(new FindInterfaceHealthQuery(Instant.now(), Duration.ofSeconds(1), Duration.ofHours(1),
                0), InterfaceHealth.class).join();
    }

    private static Optional<DestinationHealth> notifications(InterfaceHealth health, String subscriptionId) {
        return health.fhirNotifications().stream().filter(d -> d.destination().equals(subscriptionId)).findFirst();
    }

    private TestDepartment department() {
        return new TestDepartment(commands, eventStore, TestApi.USER);
    }

    private IGenericClient fhir() {
        return FhirTestClient.onPort(port).client();
    }
}
