package org.rispacs.query.archive;

import java.util.List;

/** A patient as the RIS knows them, and the studies linked to them ({@code archive-patients}). */
record ArchivePatient(String patientId, String issuerOfPatientId, String patientName, String patientBirthDate,
                      String patientSex, List<String> studyInstanceUids) {

    ArchivePatient {
        studyInstanceUids = studyInstanceUids == null ? List.of() : List.copyOf(studyInstanceUids);
    }
}
