package org.rispacs.query.archive;

import org.rispacs.api.archive.ArchivedIdentity;

/** A study's patient and accession as an archive document holds them (DICOM-encoded). */
record ArchiveIdentity(String patientId, String issuerOfPatientId, String patientName, String patientBirthDate,
                       String patientSex, String accessionNumber) {

    ArchivedIdentity answer() {
        return new ArchivedIdentity(patientId, issuerOfPatientId, patientName, patientBirthDate, patientSex,
                accessionNumber);
    }

    ArchiveIdentity withPatient(ArchivePatient patient) {
        return new ArchiveIdentity(patient.patientId(), patient.issuerOfPatientId(), patient.patientName(),
                patient.patientBirthDate(), patient.patientSex(), accessionNumber);
    }

    ArchiveIdentity withAccession(String accession) {
        return new ArchiveIdentity(patientId, issuerOfPatientId, patientName, patientBirthDate, patientSex, accession);
    }
}
