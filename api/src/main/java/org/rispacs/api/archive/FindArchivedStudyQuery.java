package org.rispacs.api.archive;

/** The whole of one study the archive holds, answered as {@link ArchivedStudyContents} (null if unknown). */
public record FindArchivedStudyQuery(String studyInstanceUid) {
}
