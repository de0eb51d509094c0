package org.rispacs.query.archive;

import java.util.List;
import org.rispacs.api.archive.ArchivedStudy;

/** A study of {@code archive-studies}: its attributes, counts, and current and received identity. */
record StudyDocument(
        String studyInstanceUid,
        String studyDate,
        String studyTime,
        String studyId,
        String studyDescription,
        String referringPhysicianName,
        List<String> modalitiesInStudy,
        List<String> sopClassesInStudy,
        int numberOfSeries,
        int numberOfInstances,
        String orderId,
        String patientKey,
        ArchiveIdentity current,
        ArchiveIdentity received) {

    StudyDocument {
        modalitiesInStudy = modalitiesInStudy == null ? List.of() : List.copyOf(modalitiesInStudy);
        sopClassesInStudy = sopClassesInStudy == null ? List.of() : List.copyOf(sopClassesInStudy);
    }

    ArchivedStudy answer() {
        return new ArchivedStudy(studyInstanceUid, studyDate, studyTime, studyId, studyDescription,
                referringPhysicianName, modalitiesInStudy, sopClassesInStudy, numberOfSeries, numberOfInstances,
                current == null ? null : current.answer(), received == null ? null : received.answer(), orderId);
    }
}
