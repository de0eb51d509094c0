package org.rispacs.api.archive;

/** The levels of the archive's information model that a search (QIDO-RS) returns. */
public enum ArchiveLevel {
    STUDY,
    SERIES,
    INSTANCE
}
