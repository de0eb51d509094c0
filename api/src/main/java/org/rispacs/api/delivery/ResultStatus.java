package org.rispacs.api.delivery;

/**
 * HL7 OBX-11 / OBR-25 result status of a delivered report version: P preliminary (the preliminary
 * signature), F final, C corrected (an addendum). Stored by name, so the order here is free.
 */
public enum ResultStatus {
    FINAL,
    CORRECTED,
    PRELIMINARY
}
