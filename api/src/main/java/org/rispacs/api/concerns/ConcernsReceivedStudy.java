package org.rispacs.api.concerns;

/**
 * An event about a study as received: besides its study, it concerns the patient and the accession
 * number the modality put in the objects, which may differ from those of the order it gets matched to.
 */
public interface ConcernsReceivedStudy extends ConcernsStudy {

    /** What the modality sent, or null. */
    ReceivedIdentifiers attributes();
}
