package org.rispacs.api.archive;

/** A series held by the archive; strings as DICOM encodes them, any may be null. */
public record ArchivedSeries(
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        Integer seriesNumber,
        String seriesDescription,
        String seriesDate,
        String seriesTime,
        String bodyPartExamined,
        int numberOfInstances) {
}
