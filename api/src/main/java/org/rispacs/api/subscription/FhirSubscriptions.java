package org.rispacs.api.subscription;

import java.util.List;

/** Subscriptions found, with the total when the answer is one page of more. */
public record FhirSubscriptions(List<FhirSubscription> subscriptions, long total) {

    public FhirSubscriptions {
        subscriptions = List.copyOf(subscriptions);
    }
}
