package org.rispacs.api.reading;

/** How far the report of a study on the reading worklist has come; FINAL means read. */
public enum ReportStatus {
    NONE,
    DRAFT,
    PRELIMINARY,
    FINAL
}
