package org.rispacs.api.subscription;

/** How much of the focus a notification carries (the Backport IG's payload content). */
public enum SubscriptionPayload {
    /** Only the subscription's status: the receiver asks for what changed. */
    EMPTY,
    /** The focus's reference, without the resource. */
    ID_ONLY,
    /** The focus resource itself. */
    FULL_RESOURCE
}
