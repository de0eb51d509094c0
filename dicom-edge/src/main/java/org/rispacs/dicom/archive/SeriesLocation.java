package org.rispacs.dicom.archive;

/** The study and series an archived instance belongs to, hence its folder in the archive. */
public record SeriesLocation(String studyInstanceUid, String seriesInstanceUid) {
}
