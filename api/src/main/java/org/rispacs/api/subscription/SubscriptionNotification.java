package org.rispacs.api.subscription;

/**
 * One notification of a subscription, as delivered.
 *
 * @param eventNumber the Backport IG's event number: 1 for the subscription's first, one more each
 * @param focusId     the focus resource's FHIR id, of the type the topic names
 */
public record SubscriptionNotification(
        String subscriptionId,
        long eventNumber,
        SubscriptionTopic topic,
        String focusId) {
}
