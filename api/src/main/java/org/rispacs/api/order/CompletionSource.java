package org.rispacs.api.order;

/** Who completed a procedure step. Only MPPS requires a prior start: many modalities never send MPPS. */
public enum CompletionSource {
    MPPS,
    TECHNOLOGIST,
    STUDY_COMMITTED,
    /** No MPPS was in progress and the linked study received no new instance for the configured time. */
    STUDY_STABLE,
    /** A person linked a committed study to the order: the modality will never report this step. */
    RECONCILIATION
}
