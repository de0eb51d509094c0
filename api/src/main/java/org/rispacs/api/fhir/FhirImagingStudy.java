package org.rispacs.api.fhir;

import java.time.Instant;
import org.rispacs.api.archive.ArchivedStudyContents;

/**
 * A study the archive holds, as the FHIR edge shows it (an {@code ImagingStudy}).
 *
 * @param contents    the study with its series and instances, under its current identity
 * @param version     how many events changed the study's record (its version id, from 1)
 * @param lastUpdated when the last of them happened
 */
public record FhirImagingStudy(ArchivedStudyContents contents, int version, Instant lastUpdated) {
}
