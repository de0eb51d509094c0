package org.rispacs.api.concerns;

/** An event about a study. */
public interface ConcernsStudy {

    /** The Study Instance UID, or null. */
    String studyInstanceUid();
}
