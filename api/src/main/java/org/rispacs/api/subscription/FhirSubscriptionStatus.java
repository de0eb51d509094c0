package org.rispacs.api.subscription;

/** A subscription's status as FHIR shows it. */
public enum FhirSubscriptionStatus {
    ACTIVE,
    /** Its last notification failed for good; it is still notified (a later delivery makes it active). */
    ERROR,
    /** Deleted or ended. */
    OFF
}
