package org.rispacs.api.fhir;

import java.util.List;

/** The page of studies a {@link SearchFhirImagingStudiesQuery} asked for, and how many match in all. */
public record FhirImagingStudyMatches(List<FhirImagingStudy> studies, long total) {

    public FhirImagingStudyMatches {
        studies = studies == null ? List.of() : List.copyOf(studies);
    }
}
