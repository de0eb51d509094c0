package org.rispacs.fhir.subscription;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * A subscription of the read model as an R4 Subscription of the Backport IG's profile. The channel's
 * header values are not shown (they are typically the receiver's credentials): each header is shown
 * by its name with {@value #HIDDEN} for its value.
 */
final class SubscriptionResources {

    static final String HIDDEN = "***";

    private SubscriptionResources() {
    }

    static Subscription toResource(FhirSubscription subscription) {
        Subscription resource = new Subscription();
        resource.setId(subscription.subscriptionId());
        resource.getMeta().setVersionId(String.valueOf(subscription.version())).addProfile(
                Backport.SUBSCRIPTION_PROFILE);
        if (subscription.lastUpdated() != null) {
            resource.getMeta().setLastUpdated(Date.from(subscription.lastUpdated()));
        }
        resource.setStatus(status(subscription.status()));
        resource.setReason(subscription.reason());
        if (subscription.end() != null) {
            resource.setEnd(Date.from(subscription.end()));
        }
        if (subscription.status() == FhirSubscriptionStatus.ERROR && subscription.lastError() != null) {
            resource.setError(subscription.lastError());
        }
        resource.setCriteria(SubscriptionTopics.canonical(subscription.topic()));
        if (subscription.patientId() != null) {
            resource.getCriteriaElement().addExtension(Backport.FILTER_CRITERIA,
                    new StringType(filter(subscription.topic(), subscription.patientId())));
        }
        Subscription.SubscriptionChannelComponent channel = resource.getChannel()
                .setType(SubscriptionChannelType.RESTHOOK)
                .setEndpoint(subscription.channel().endpoint())
                .setPayload(subscription.channel().contentType());
        channel.getPayloadElement().addExtension(Backport.PAYLOAD_CONTENT,
                new CodeType(PayloadContents.code(subscription.channel().payload())));
        subscription.channel().headers().forEach(header -> channel.addHeader(hidden(header)));
        return resource;
    }

    static String filter(SubscriptionTopic topic, String patientId) {
        return SubscriptionTopics.focusType(topic) + "?patient=Patient/" + patientId;
    }

    static SubscriptionStatus status(FhirSubscriptionStatus status) {
        return switch (status) {
            case ACTIVE -> SubscriptionStatus.ACTIVE;
            case ERROR -> SubscriptionStatus.ERROR;
            case OFF -> SubscriptionStatus.OFF;
        };
    }

    private static String hidden(String header) {
        int colon = header.indexOf(':');
        return (colon < 0 ? header : header.substring(0, colon)) + ": " + HIDDEN;
    }
}
