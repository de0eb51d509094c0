package org.rispacs.query.archive;

import java.util.List;

/** An order's patient and accession, and the studies linked to it ({@code archive-orders}). */
record ArchiveOrder(String patientId, String issuerOfPatientId, String accessionNumber,
                    List<String> studyInstanceUids) {

    ArchiveOrder {
        studyInstanceUids = studyInstanceUids == null ? List.of() : List.copyOf(studyInstanceUids);
    }
}
