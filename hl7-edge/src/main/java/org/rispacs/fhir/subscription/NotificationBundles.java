package org.rispacs.fhir.subscription;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionPayload;

/**
 * The R4 Backport IG's notification: a {@code history} Bundle whose first entry is the subscription's
 * status (a Parameters of profile backport-subscription-status-r4, type {@code event-notification},
 * with the event's number, time and focus), then the focus as the payload content asks: the resource
 * ({@code full-resource}), its reference alone ({@code id-only}: an entry with its URL and no
 * resource), or nothing ({@code empty}: neither the focus nor the topic is named). Also the answer
 * of {@code $status}: a {@code searchset} Bundle of the status, type {@code query-status}.
 */
final class NotificationBundles {

    static final String EVENT_NOTIFICATION = "event-notification";
    static final String QUERY_STATUS = "query-status";

    private NotificationBundles() {
    }

    /**
     * @param serverBase  our FHIR server's base URL, which the notification names its resources by
     * @param triggeredAt when the event happened, or null when unknown
     * @param focus       the focus resource for {@code full-resource}, or null (also when it cannot be read: its
     *                    entry then has the focus's URL without the resource, as the IG asks)
     */
    static Bundle notification(FhirSubscription subscription, SubscriptionNotification notification,
                               Instant triggeredAt, Resource focus, String serverBase) {
        SubscriptionPayload payload = subscription.channel().payload();
        Parameters status = status(subscription, EVENT_NOTIFICATION, Math.max(subscription.eventsSinceStart(),
                notification.eventNumber()), serverBase, payload != SubscriptionPayload.EMPTY);
        String focusPath = SubscriptionTopics.focusType(notification.topic()) + "/" + notification.focusId();
        ParametersParameterComponent event = status.addParameter().setName("notification-event");
        event.addPart().setName("event-number").setValue(new StringType(String.valueOf(notification.eventNumber())));
        if (triggeredAt != null) {
            event.addPart().setName("timestamp").setValue(new InstantType(Date.from(triggeredAt)));
        }
        if (payload != SubscriptionPayload.EMPTY) {
            event.addPart().setName("focus").setValue(new Reference(url(serverBase, focusPath)));
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTimestamp(new Date());
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().addProfile(Backport.NOTIFICATION_PROFILE);
        BundleEntryComponent first = bundle.addEntry().setFullUrl("urn:uuid:" + status.getIdElement().getIdPart())
                .setResource(status);
        first.getRequest().setMethod(HTTPVerb.GET).setUrl(statusUrl(subscription, serverBase));
        first.getResponse().setStatus("200");
        if (payload != SubscriptionPayload.EMPTY) {
            BundleEntryComponent entry = bundle.addEntry().setFullUrl(url(serverBase, focusPath));
            if (payload == SubscriptionPayload.FULL_RESOURCE && focus != null) {
                entry.setResource(focus);
            }
            entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(focusPath);
            entry.getResponse().setStatus("200");
        }
        return bundle;
    }

    /** The answer of {@code $status}: the subscription's status now, in a searchset Bundle. */
    static Bundle queryStatus(FhirSubscription subscription, String serverBase) {
        Parameters status = status(subscription, QUERY_STATUS, subscription.eventsSinceStart(), serverBase, true);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(1).setTimestamp(new Date());
        bundle.setId(UUID.randomUUID().toString());
        // its URL is where it is answered: a urn:uuid would have HAPI's parsers drop the id a search result needs
        bundle.addEntry().setFullUrl(statusUrl(subscription, serverBase)).setResource(status)
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        return bundle;
    }

    private static Parameters status(FhirSubscription subscription, String type, long eventsSinceStart,
                                     String serverBase, boolean withTopic) {
        Parameters status = new Parameters();
        status.setId(UUID.randomUUID().toString());
        status.getMeta().addProfile(Backport.STATUS_PROFILE);
        status.addParameter().setName("subscription").setValue(new Reference(url(serverBase,
                "Subscription/" + subscription.subscriptionId())));
        if (withTopic) {
            status.addParameter().setName("topic").setValue(new CanonicalType(
                    SubscriptionTopics.canonical(subscription.topic())));
        }
        status.addParameter().setName("status").setValue(new CodeType(
                SubscriptionResources.status(subscription.status()).toCode()));
        status.addParameter().setName("type").setValue(new CodeType(type));
        status.addParameter().setName("events-since-subscription-start").setValue(new StringType(
                String.valueOf(eventsSinceStart)));
        if (subscription.status() == FhirSubscriptionStatus.ERROR && subscription.lastError() != null) {
            status.addParameter().setName("error").setValue(new CodeableConcept().setText(subscription.lastError()));
        }
        return status;
    }

    private static String statusUrl(FhirSubscription subscription, String serverBase) {
        return url(serverBase, "Subscription/" + subscription.subscriptionId() + "/$status");
    }

    private static String url(String serverBase, String path) {
        return serverBase.endsWith("/") ? serverBase + path : serverBase + "/" + path;
    }
}
