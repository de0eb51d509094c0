package org.rispacs.query.archive;

import java.util.List;
import org.rispacs.api.archive.ArchivedIdentity;

/**
 * A study's patient and accession as an archive document holds them (DICOM-encoded), with the
 * name also folded (lower case, no accents) whole and by part, the forms a search matches it in.
 */
record ArchiveIdentity(String patientId, String issuerOfPatientId, String patientName, String patientBirthDate,
                       String patientSex, String accessionNumber, String patientNameMatch,
                       List<String> patientNameWords) {

    ArchiveIdentity {
        patientNameMatch = ArchiveMatching.foldedName(patientName);
        patientNameWords = ArchiveMatching.nameWords(patientName);
    }

    ArchiveIdentity(String patientId, String issuerOfPatientId, String patientName, String patientBirthDate,
                    String patientSex, String accessionNumber) {
        this(patientId, issuerOfPatientId, patientName, patientBirthDate, patientSex, accessionNumber, null, null);
    }

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
