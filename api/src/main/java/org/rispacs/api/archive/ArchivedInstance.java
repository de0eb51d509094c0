package org.rispacs.api.archive;

/** A SOP instance held by the archive; the file is {@code <root>/<study>/<series>/<sop instance>.dcm}. */
public record ArchivedInstance(
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
}
