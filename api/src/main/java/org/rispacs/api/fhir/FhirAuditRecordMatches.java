package org.rispacs.api.fhir;

import java.util.List;

/** The audit records a {@link SearchFhirAuditRecordsQuery} found, and whether more than its limit matched. */
public record FhirAuditRecordMatches(List<FhirAuditRecord> records, long total) {

    public FhirAuditRecordMatches {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
