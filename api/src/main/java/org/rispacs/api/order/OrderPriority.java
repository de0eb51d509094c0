package org.rispacs.api.order;

/**
 * Priority of an imaging order, named after DICOM Requested Procedure Priority (0040,1003);
 * HL7 maps S to STAT, A to HIGH and R to ROUTINE.
 */
public enum OrderPriority {
    STAT,
    HIGH,
    ROUTINE,
    MEDIUM,
    LOW
}
