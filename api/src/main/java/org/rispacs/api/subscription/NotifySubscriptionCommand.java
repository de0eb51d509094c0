package org.rispacs.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Something happened that the subscription's topic and filter cover: number it and send it.
 *
 * @param focusId         the focus resource's FHIR id (the report id, the Study Instance UID)
 * @param triggerPosition the position of the triggering event in the event stream; a command whose
 *                        position was notified already (or lies further behind the highest notified than
 *                        an event committed late can) is a repetition and changes nothing
 */
public record NotifySubscriptionCommand(
        @TargetAggregateIdentifier String subscriptionId,
        String focusId,
        long triggerPosition) {
}
