package org.rispacs.fhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.fhir.subscription.FhirValidation.valid;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;

class SubscriptionResourcesTest {

    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void aSubscriptionShowsEverythingButItsHeaderValues() {
        Subscription resource = valid(SubscriptionResources.toResource(new FhirSubscription("s1",
                SubscriptionTopic.REPORT_FINALIZED, "p-1", new SubscriptionChannel("https://ehr.example/hook",
                List.of("Authorization: Bearer secret"), "application/fhir+xml", SubscriptionPayload.ID_ONLY),
                "Results", END, FhirSubscriptionStatus.ERROR, 7, "HTTP 503", 12, UPDATED)));

        assertThat(resource.getIdElement().getIdPart()).isEqualTo("s1");
        assertThat(resource.getMeta().getVersionId()).isEqualTo("12");
        assertThat(resource.getMeta().getLastUpdated()).isEqualTo(Date.from(UPDATED));
        assertThat(resource.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(Backport.SUBSCRIPTION_PROFILE);
        assertThat(resource.getStatus()).isEqualTo(SubscriptionStatus.ERROR);
        assertThat(resource.getError()).isEqualTo("HTTP 503");
        assertThat(resource.getReason()).isEqualTo("Results");
        assertThat(resource.getEnd()).isEqualTo(Date.from(END));
        assertThat(resource.getCriteria()).isEqualTo(SubscriptionTopics.REPORT_FINALIZED);
        assertThat(resource.getCriteriaElement().getExtensionsByUrl(Backport.FILTER_CRITERIA))
                .extracting(e -> ((StringType) e.getValue()).getValue())
                .containsExactly("DiagnosticReport?patient=Patient/p-1");
        assertThat(resource.getChannel().getType()).isEqualTo(SubscriptionChannelType.RESTHOOK);
        assertThat(resource.getChannel().getEndpoint()).isEqualTo("https://ehr.example/hook");
        assertThat(resource.getChannel().getPayload()).isEqualTo("application/fhir+xml");
        assertThat(resource.getChannel().getPayloadElement().getExtensionByUrl(Backport.PAYLOAD_CONTENT).getValue()
                .primitiveValue()).isEqualTo("id-only");
        assertThat(resource.getChannel().getHeader()).extracting(StringType::getValue)
                .containsExactly("Authorization: ***");
    }

    @Test
    void whatTheServerShowsIsWhatItTakes() {
        Subscription shown = SubscriptionResources.toResource(new FhirSubscription("s2",
                SubscriptionTopic.STUDY_AVAILABLE, null, new SubscriptionChannel("https://ehr.example/hook",
                List.of(), "application/fhir+json", SubscriptionPayload.EMPTY), "Studies", null,
                FhirSubscriptionStatus.ACTIVE, 0, null, 1, UPDATED));
        valid(shown);

        assertThat(new SubscriptionIntake(new AllowedEndpoints(List.of("https://ehr.example/"))).command("s2", shown))
                .satisfies(command -> {
                    assertThat(command.topic()).isEqualTo(SubscriptionTopic.STUDY_AVAILABLE);
                    assertThat(command.channel().payload()).isEqualTo(SubscriptionPayload.EMPTY);
                    assertThat(command.reason()).isEqualTo("Studies");
                    assertThat(command.end()).isNull();
                });
    }
}
