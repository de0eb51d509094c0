package org.rispacs.fhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;

class SubscriptionIntakeTest {

    private static final String ENDPOINT = "https://ehr.example/hooks/results";
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    private final SubscriptionIntake intake = new SubscriptionIntake(new AllowedEndpoints(
            List.of("https://ehr.example/hooks")));

    @Test
    void aBackportSubscriptionBecomesTheCommandWithAllItsContent() {
        Subscription subscription = subscription();

        CreateSubscriptionCommand command = intake.command("s1", subscription);

        assertThat(command).isEqualTo(new CreateSubscriptionCommand("s1", SubscriptionTopic.REPORT_FINALIZED, "p-1",
                new SubscriptionChannel(ENDPOINT, List.of("Authorization: Bearer secret", "X-Site: north"),
                        "application/fhir+json", SubscriptionPayload.FULL_RESOURCE), "Results for the EHR", END));
    }

    @Test
    void theStudyTopicWithoutFilterAndEachPayloadContent() {
        for (SubscriptionPayload payload : SubscriptionPayload.values()) {
            Subscription subscription = subscription();
            subscription.setCriteria(SubscriptionTopics.STUDY_AVAILABLE);
            subscription.getCriteriaElement().getExtension().clear();
            subscription.setEnd(null);
            subscription.getChannel().setHeader(List.of()).setPayload("application/fhir+xml");
            subscription.getChannel().getPayloadElement().getExtension().clear();
            subscription.getChannel().getPayloadElement().addExtension(Backport.PAYLOAD_CONTENT,
                    new CodeType(PayloadContents.code(payload)));

            CreateSubscriptionCommand command = intake.command("s2", subscription);

            assertThat(command.topic()).isEqualTo(SubscriptionTopic.STUDY_AVAILABLE);
            assertThat(command.patientId()).isNull();
            assertThat(command.end()).isNull();
            assertThat(command.channel()).isEqualTo(new SubscriptionChannel(ENDPOINT, List.of(),
                    "application/fhir+xml", payload));
        }
    }

    @Test
    void aFilterOnTheStudyTopicNamesItsPatientAsAReferenceOrAnId() {
        Subscription subscription = subscription();
        subscription.setCriteria(SubscriptionTopics.STUDY_AVAILABLE);
        filter(subscription, "ImagingStudy?patient=abc-2");
        assertThat(intake.command("s3", subscription).patientId()).isEqualTo("abc-2");
    }

    @Test
    void anUnknownTopicIsRefusedNamingOurs() {
        assertThat(refusal(s -> s.setCriteria("DiagnosticReport?status=final")))
                .contains(SubscriptionTopics.REPORT_FINALIZED).contains(SubscriptionTopics.STUDY_AVAILABLE);
        assertThat(refusal(s -> s.setCriteria(null))).contains("criteria");
    }

    @Test
    void unsupportedFiltersAreRefusedNamingTheSupportedOne() {
        for (String filter : List.of("ImagingStudy?patient=Patient/p-1", "DiagnosticReport?status=final",
                "DiagnosticReport?patient=Patient/p-1&status=final", "DiagnosticReport?subject=Patient/p-1",
                "DiagnosticReport?patient=Group/g", "DiagnosticReport")) {
            assertThat(refusal(s -> filter(s, filter))).as(filter)
                    .contains("DiagnosticReport?patient=Patient/<id>");
        }
        assertThat(refusal(s -> s.getCriteriaElement().addExtension(Backport.FILTER_CRITERIA,
                new StringType("DiagnosticReport?patient=Patient/p-2")))).contains("at most one filter");
    }

    @Test
    void onlyARestHookIsSupported() {
        assertThat(refusal(s -> s.getChannel().setType(SubscriptionChannelType.WEBSOCKET)))
                .contains("only rest-hook").contains("websocket");
        assertThat(refusal(s -> s.getChannel().getTypeElement().addExtension(Backport.CHANNEL_TYPE,
                new Coding("http://example.org/channel", "zulip", null)))).contains("custom channel type");
    }

    @Test
    void anEndpointTheOperatorDoesNotAllowIsRefused() {
        assertThat(refusal(s -> s.getChannel().setEndpoint("https://elsewhere.example/hooks")))
                .contains("is not allowed").contains("https://ehr.example/hooks");
        assertThat(refusal(s -> s.getChannel().setEndpoint("/relative"))).contains("absolute http or https URL");
        Subscription subscription = subscription();
        UnprocessableEntityException none = catchThrowableOfType(UnprocessableEntityException.class,
                () -> new SubscriptionIntake(new AllowedEndpoints(List.of())).command("s", subscription));
        assertThat(none.getMessage()).contains("no endpoint is allowed")
                .contains("ris.fhir.subscriptions.allowed-endpoints");
    }

    @Test
    void aPayloadNeedsAFhirMimeTypeAndOneContent() {
        assertThat(refusal(s -> s.getChannel().setPayload("application/json"))).contains("application/fhir+json");
        assertThat(refusal(s -> s.getChannel().getPayloadElement().getExtension().clear()))
                .contains("empty, id-only or full-resource");
        assertThat(refusal(s -> s.getChannel().getPayloadElement().getExtension().get(0)
                .setValue(new CodeType("everything")))).contains("empty, id-only or full-resource");
    }

    @Test
    void headersAreNameColonValueAndNotTheServersOwn() {
        assertThat(refusal(s -> s.getChannel().addHeader("no colon"))).contains("'Name: value'");
        assertThat(refusal(s -> s.getChannel().addHeader("X-A: 1\r\nX-B: 2"))).contains("'Name: value'");
        assertThat(refusal(s -> s.getChannel().addHeader("Content-Type: text/plain"))).contains("set by the server");
    }

    @Test
    void aReasonIsNeededAndOnlyANewSubscriptionIsCreated() {
        assertThat(refusal(s -> s.setReason(" "))).contains("reason");
        assertThat(refusal(s -> s.setStatus(SubscriptionStatus.OFF))).contains("not off");
    }

    private String refusal(Consumer<Subscription> change) {
        Subscription subscription = subscription();
        change.accept(subscription);
        UnprocessableEntityException refusal = catchThrowableOfType(UnprocessableEntityException.class,
                () -> intake.command("s", subscription));
        assertThat(refusal).as("refused").isNotNull();
        return refusal.getMessage();
    }

    private static void filter(Subscription subscription, String filter) {
        subscription.getCriteriaElement().getExtension().clear();
        subscription.getCriteriaElement().addExtension(Backport.FILTER_CRITERIA, new StringType(filter));
    }

    static Subscription subscription() {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(Backport.SUBSCRIPTION_PROFILE);
        subscription.setStatus(SubscriptionStatus.REQUESTED);
        subscription.setReason("Results for the EHR");
        subscription.setEnd(Date.from(END));
        subscription.setCriteria(SubscriptionTopics.REPORT_FINALIZED);
        subscription.getCriteriaElement().addExtension(Backport.FILTER_CRITERIA,
                new StringType("DiagnosticReport?patient=Patient/p-1"));
        subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(ENDPOINT)
                .setPayload("application/fhir+json").addHeader("Authorization: Bearer secret")
                .addHeader("X-Site:north");
        subscription.getChannel().getPayloadElement().addExtension(Backport.PAYLOAD_CONTENT,
                new CodeType("full-resource"));
        return subscription;
    }
}
