package org.rispacs.api.subscription;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A FHIR client subscribes to a topic.
 *
 * @param patientId the FHIR id of the only patient whose resources are notified, or null for all
 * @param end       when the subscription ends by itself, or null
 */
public record CreateSubscriptionCommand(
        @TargetAggregateIdentifier String subscriptionId,
        SubscriptionTopic topic,
        String patientId,
        SubscriptionChannel channel,
        String reason,
        Instant end) {
}
