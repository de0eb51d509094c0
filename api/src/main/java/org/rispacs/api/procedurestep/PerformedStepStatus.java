package org.rispacs.api.procedurestep;

/** Performed Procedure Step Status (0040,0252) of an MPPS N-SET. */
public enum PerformedStepStatus {
    IN_PROGRESS,
    COMPLETED,
    DISCONTINUED
}
