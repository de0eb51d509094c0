package org.rispacs.api.fhir;

import java.util.List;
import org.rispacs.api.common.PatientIdentifier;

/**
 * Studies the archive holds matching every criterion given (a null one is not applied), by their
 * current identity; answered with {@link FhirImagingStudyMatches}: the {@code limit} studies after the
 * first {@code offset}, newest study date first, then by Study Instance UID, with the number of all.
 *
 * @param patient          the patient the study belongs to now (after matches, merges and corrections)
 * @param studyInstanceUid the Study Instance UID
 * @param accessionNumber  the accession number the study is served with, exactly
 * @param orderId          the order the study is linked to
 * @param started          conditions on the study date, all of which must hold
 * @param offset           how many matches to skip
 * @param limit            the most studies answered
 */
public record SearchFhirImagingStudiesQuery(
        PatientIdentifier patient,
        String studyInstanceUid,
        String accessionNumber,
        String orderId,
        List<DateCondition> started,
        int offset,
        int limit) {

    public SearchFhirImagingStudiesQuery {
        started = started == null ? List.of() : List.copyOf(started);
    }
}
