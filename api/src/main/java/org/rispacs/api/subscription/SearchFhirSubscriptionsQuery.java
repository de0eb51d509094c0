package org.rispacs.api.subscription;

/**
 * Subscriptions, newest first, optionally of one status and topic (null: any); one page, answered
 * with {@link FhirSubscriptions}.
 */
public record SearchFhirSubscriptionsQuery(FhirSubscriptionStatus status, SubscriptionTopic topic, int offset,
                                           int count) {
}
