package org.rispacs.query.archive;

import org.rispacs.api.archive.ArchivedInstance;

/** An instance of {@code archive-instances}. */
record InstanceDocument(
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        Integer instanceNumber,
        Integer rows,
        Integer columns,
        Integer numberOfFrames,
        long size) {

    ArchivedInstance answer() {
        return new ArchivedInstance(studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid,
                transferSyntaxUid, instanceNumber, rows, columns, numberOfFrames, size);
    }
}
