package org.rispacs.api.concerns;

/** An event about a report. */
public interface ConcernsReport {

    /** The report's identifier, or null. */
    String reportId();
}
