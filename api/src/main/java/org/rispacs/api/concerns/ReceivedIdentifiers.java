package org.rispacs.api.concerns;

/** The patient and accession number exactly as a modality sent them in the objects, before any matching. */
public interface ReceivedIdentifiers {

    String patientId();

    String issuerOfPatientId();

    String accessionNumber();
}
