package org.rispacs.api.order;

/** Who completed a procedure step. Only MPPS requires a prior start: many modalities never send MPPS. */
public enum CompletionSource {
    MPPS,
    TECHNOLOGIST,
    STUDY_COMMITTED,
    /** A person linked a committed study to the order: the modality will never report this step. */
    RECONCILIATION
}
