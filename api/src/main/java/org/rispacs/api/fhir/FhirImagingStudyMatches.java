package org.rispacs.api.fhir;

import java.util.List;

/** The studies a {@link SearchFhirImagingStudiesQuery} found, and whether more than its limit matched. */
public record FhirImagingStudyMatches(List<FhirImagingStudy> studies, boolean more) {

    public FhirImagingStudyMatches {
        studies = studies == null ? List.of() : List.copyOf(studies);
    }
}
