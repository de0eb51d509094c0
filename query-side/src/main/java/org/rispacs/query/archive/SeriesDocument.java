package org.rispacs.query.archive;

import org.rispacs.api.archive.ArchivedSeries;

/** A series of {@code archive-series}, its description also folded for a search to match. */
record SeriesDocument(
        String studyInstanceUid,
        String seriesInstanceUid,
        String modality,
        Integer seriesNumber,
        String seriesDescription,
        String seriesDate,
        String seriesTime,
        String bodyPartExamined,
        int numberOfInstances,
        String seriesDescriptionMatch) {

    SeriesDocument {
        seriesDescriptionMatch = ArchiveMatching.folded(seriesDescription);
    }

    SeriesDocument(String studyInstanceUid, String seriesInstanceUid, String modality, Integer seriesNumber,
                   String seriesDescription, String seriesDate, String seriesTime, String bodyPartExamined,
                   int numberOfInstances) {
        this(studyInstanceUid, seriesInstanceUid, modality, seriesNumber, seriesDescription, seriesDate, seriesTime,
                bodyPartExamined, numberOfInstances, null);
    }

    ArchivedSeries answer() {
        return new ArchivedSeries(studyInstanceUid, seriesInstanceUid, modality, seriesNumber, seriesDescription,
                seriesDate, seriesTime, bodyPartExamined, numberOfInstances);
    }
}
