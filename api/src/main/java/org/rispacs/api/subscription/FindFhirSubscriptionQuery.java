package org.rispacs.api.subscription;

/** One subscription by id; answered with a {@link FhirSubscription}, or nothing. */
public record FindFhirSubscriptionQuery(String subscriptionId) {
}
