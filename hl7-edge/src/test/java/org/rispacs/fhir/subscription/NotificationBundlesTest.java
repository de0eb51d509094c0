package org.rispacs.fhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.fhir.subscription.FhirValidation.valid;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.report.DiagnosticReportResources;

class NotificationBundlesTest {

    private static final String BASE = "https://ris.example/fhir";
    private static final Instant TRIGGERED = Instant.parse("2026-12-08T10:15:30.250Z");
    private static final SubscriptionNotification SECOND = new SubscriptionNotification("s1", 2,
            SubscriptionTopic.REPORT_FINALIZED, "r1");

    @Test
    void aFullResourceNotificationIsAHistoryBundleWithTheStatusFirstThenTheReport() {
        DiagnosticReport report = report();

        Bundle bundle = valid(NotificationBundles.notification(subscription(SubscriptionPayload.FULL_RESOURCE, 3),
                SECOND, TRIGGERED, report, BASE));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(bundle.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(Backport.NOTIFICATION_PROFILE);
        assertThat(bundle.getEntry()).hasSize(2);
        Parameters status = status(bundle);
        assertThat(status.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(Backport.STATUS_PROFILE);
        assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                .isEqualTo(BASE + "/Subscription/s1");
        assertThat(status.getParameter("topic").getValue().primitiveValue())
                .isEqualTo(SubscriptionTopics.REPORT_FINALIZED);
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("active");
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
        assertThat(status.getParameter("events-since-subscription-start").getValue().primitiveValue())
                .as("all triggered so far").isEqualTo("3");
        ParametersParameterComponent event = status.getParameter("notification-event");
        assertThat(part(event, "event-number").getValue().primitiveValue()).isEqualTo("2");
        assertThat(part(event, "timestamp").getValue().primitiveValue()).startsWith("2026-12-08T10:15:30.250");
        assertThat(((Reference) part(event, "focus").getValue()).getReference())
                .isEqualTo(BASE + "/DiagnosticReport/r1");
        BundleEntryComponent first = bundle.getEntryFirstRep();
        assertThat(first.getRequest().getUrl()).isEqualTo(BASE + "/Subscription/s1/$status");
        BundleEntryComponent focus = bundle.getEntry().get(1);
        assertThat(focus.getFullUrl()).isEqualTo(BASE + "/DiagnosticReport/r1");
        assertThat(focus.getResource()).isSameAs(report);
        assertThat(focus.getRequest().getUrl()).isEqualTo("DiagnosticReport/r1");
        assertThat(focus.getResponse().getStatus()).isEqualTo("200");
    }

    @Test
    void anIdOnlyNotificationNamesTheFocusWithoutTheResource() {
        Bundle bundle = valid(NotificationBundles.notification(subscription(SubscriptionPayload.ID_ONLY, 2),
                new SubscriptionNotification("s1", 2, SubscriptionTopic.STUDY_AVAILABLE, "1.2.3"), TRIGGERED, null,
                BASE + "/"));

        assertThat(bundle.getEntry()).hasSize(2);
        assertThat(((Reference) part(status(bundle).getParameter("notification-event"), "focus").getValue())
                .getReference()).isEqualTo(BASE + "/ImagingStudy/1.2.3");
        assertThat(bundle.getEntry().get(1).getFullUrl()).isEqualTo(BASE + "/ImagingStudy/1.2.3");
        assertThat(bundle.getEntry().get(1).hasResource()).isFalse();
    }

    @Test
    void anEmptyNotificationNamesNeitherFocusNorTopic() {
        Bundle bundle = valid(FhirValidation.FHIR.newJsonParser().parseResource(Bundle.class,
                FhirValidation.FHIR.newJsonParser().encodeResourceToString(NotificationBundles.notification(
                        subscription(SubscriptionPayload.EMPTY, 2), SECOND, null, null, BASE))));

        assertThat(bundle.getEntry()).hasSize(1);
        Parameters status = status(bundle);
        assertThat(status.getParameter("topic")).isNull();
        ParametersParameterComponent event = status.getParameter("notification-event");
        assertThat(event.getPart()).extracting(ParametersParameterComponent::getName).containsExactly("event-number");
    }

    @Test
    void theStatusOperationAnswersASearchsetOfTheStatusWithTheLastError() {
        FhirSubscription failing = new FhirSubscription("s1", SubscriptionTopic.STUDY_AVAILABLE, null,
                channel(SubscriptionPayload.ID_ONLY), "why", null, FhirSubscriptionStatus.ERROR, 4,
                "HTTP 503 from https://ehr.example/hook", 9, TRIGGERED);

        Bundle bundle = valid(FhirValidation.FHIR.newJsonParser().parseResource(Bundle.class,
                FhirValidation.FHIR.newJsonParser().encodeResourceToString(NotificationBundles.queryStatus(failing,
                        BASE))));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Parameters status = status(bundle);
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("error");
        assertThat(status.getParameter("events-since-subscription-start").getValue().primitiveValue())
                .isEqualTo("4");
        assertThat(((CodeableConcept) status.getParameter("error").getValue()).getText()).contains("HTTP 503");
        assertThat(status.getParameter("topic").getValue().primitiveValue())
                .isEqualTo(SubscriptionTopics.STUDY_AVAILABLE);
    }

    private static Parameters status(Bundle bundle) {
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Parameters.class);
        return valid((Parameters) bundle.getEntryFirstRep().getResource());
    }

    private static ParametersParameterComponent part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream().filter(part -> part.getName().equals(name)).findFirst().orElseThrow();
    }

    private static FhirSubscription subscription(SubscriptionPayload payload, long eventsSinceStart) {
        return new FhirSubscription("s1", SubscriptionTopic.REPORT_FINALIZED, "p-1", channel(payload), "why", null,
                FhirSubscriptionStatus.ACTIVE, eventsSinceStart, null, 5, TRIGGERED);
    }

    private static SubscriptionChannel channel(SubscriptionPayload payload) {
        return new SubscriptionChannel("https://ehr.example/hook", List.of("Authorization: Bearer x"),
                "application/fhir+json", payload);
    }

    private static DiagnosticReport report() {
        DiagnosticReport report = new DiagnosticReportResources(new IdentifierSystems(Map.of()), ZoneId.of("UTC"))
                .toResource(new FhirDiagnosticReport("r1", "o1", "1.2.3", new PatientIdentifier("P1", "HOSP"),
                        new ProcedureCode("CT", "LOCAL", "CT"), "20261208", "101500", FhirReportStatus.FINAL,
                        "IMPRESSION: fine", "Dr R", TRIGGERED, List.of(), 4, TRIGGERED));
        assertThat(report.getIssued()).isEqualTo(Date.from(TRIGGERED));
        return report;
    }
}
