package org.rispacs.api.concerns;

/** An event naming an accession number, as the RIS assigned or a sender supplied it. */
public interface ConcernsAccession {

    /** The accession number as written in the event (not normalised), or null. */
    String accessionNumber();
}
