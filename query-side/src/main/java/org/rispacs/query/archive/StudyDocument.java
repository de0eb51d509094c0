package org.rispacs.query.archive;

import java.time.Instant;
import java.util.List;
import org.rispacs.api.archive.ArchivedStudy;

/**
 * A study of {@code archive-studies}: its attributes, counts, and current and received identity;
 * {@code events} the ids of the events that changed it (their count is its version), the last at
 * {@code lastUpdated}.
 */
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
        ArchiveIdentity received,
        List<String> events,
        Instant lastUpdated) {

    StudyDocument {
        events = events == null ? List.of() : List.copyOf(events);
        modalitiesInStudy = modalitiesInStudy == null ? List.of() : List.copyOf(modalitiesInStudy);
        sopClassesInStudy = sopClassesInStudy == null ? List.of() : List.copyOf(sopClassesInStudy);
    }

    /** The study's content, its version left out. */
    StudyDocument withoutVersion() {
        return new StudyDocument(studyInstanceUid, studyDate, studyTime, studyId, studyDescription,
                referringPhysicianName, modalitiesInStudy, sopClassesInStudy, numberOfSeries, numberOfInstances,
                orderId, patientKey, current, received, null, null);
    }

    ArchivedStudy answer() {
        return new ArchivedStudy(studyInstanceUid, studyDate, studyTime, studyId, studyDescription,
                referringPhysicianName, modalitiesInStudy, sopClassesInStudy, numberOfSeries, numberOfInstances,
                current == null ? null : current.answer(), received == null ? null : received.answer(), orderId);
    }
}
