package org.rispacs.api.common;

/** A requested procedure code with its coding scheme and meaning (DICOM code sequence item, HL7 CWE). */
public record ProcedureCode(
        String code,
        String codingScheme,
        String meaning) {
}
