package org.rispacs.query.archive;

import org.rispacs.api.archive.ArchivedSeries;

/** A series of {@code archive-series}. */
record SeriesDocument(
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        Integer seriesNumber,
        String seriesDescription,
        String seriesDate,
        String seriesTime,
        String bodyPartExamined,
        int numberOfInstances) {

    ArchivedSeries answer() {
        return new ArchivedSeries(studyInstanceUid, seriesInstanceUid, modality, seriesNumber, seriesDescription,
                seriesDate, seriesTime, bodyPartExamined, numberOfInstances);
    }
}
