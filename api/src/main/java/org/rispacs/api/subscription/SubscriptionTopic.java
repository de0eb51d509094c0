package org.rispacs.api.subscription;

/**
 * What a FHIR subscription (R4 Subscriptions Backport IG) is notified of; the FHIR edge names each
 * topic by a canonical URL.
 */
public enum SubscriptionTopic {
    /** A report signed final, or amended by an addendum: the DiagnosticReport is the focus. */
    REPORT_FINALIZED,
    /** A study's instances archived, the first or more: the ImagingStudy is the focus. */
    STUDY_AVAILABLE
}
