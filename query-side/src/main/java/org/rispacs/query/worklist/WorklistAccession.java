package org.rispacs.query.worklist;

/** A worklist item's accession, as given and as matched ({@code accessionKey}). */
record WorklistAccession(String accessionNumber, String accessionKey) {

    static WorklistAccession of(String accessionNumber) {
        return new WorklistAccession(accessionNumber, WorklistMatching.accessionKey(accessionNumber));
    }
}
