package org.rispacs.api.study;

/** Why a received study could not be linked to an order. */
public enum UnmatchedReason {
    NO_ACCESSION,
    UNKNOWN_ACCESSION,
    PATIENT_MISMATCH,
    DUPLICATE_ACCESSION,
    CANCELLED_ORDER,
    /** A modality performed a procedure step no order scheduled (MPPS without a matching worklist item). */
    UNSCHEDULED_PROCEDURE_STEP,
    /** A person replaced it on its order with another study. */
    DETACHED_FROM_ORDER
}
