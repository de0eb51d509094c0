package org.rispacs.api.common;

/** Why a command was refused; edges map these to protocol errors (HL7 AE, DICOM status, HTTP 4xx). */
public enum RefusalCode {
    /** A required value is missing or malformed. */
    INVALID,
    /** The command does not fit the aggregate's current state (cancel after completion, ...). */
    ILLEGAL_TRANSITION,
    /** The target does not exist. */
    UNKNOWN,
    /** The patient was merged into another; the message names the survivor. */
    PATIENT_MERGED,
    /** The accession number is held by another order. */
    ACCESSION_IN_USE,
    /** The study instance UID is held by another order. */
    STUDY_UID_IN_USE,
    /** An order with this placer order number exists and says something else (patient, procedure, ...). */
    ORDER_CONFLICT,
    /** The study's patient is not the order's, and no patient correction was confirmed. */
    PATIENT_MISMATCH,
    /** The order already has a study, and the person did not say whether to add or replace. */
    ORDER_HAS_STUDY,
    /** The actor's role does not allow it. */
    NOT_PERMITTED
}
