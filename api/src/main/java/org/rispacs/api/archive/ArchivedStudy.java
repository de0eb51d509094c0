package org.rispacs.api.archive;

import java.util.List;

/**
 * A study held by the archive, as DICOMweb and Query/Retrieve answer for it.
 *
 * @param current  the identity served (PIR): the order's patient and accession once the study is
 *                 linked to one, with every later merge or correction applied
 * @param received the identity the study's first objects carried
 * @param orderId  the order the study is linked to, or null while it is unmatched
 */
public record ArchivedStudy(
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
        ArchivedIdentity current,
        ArchivedIdentity received,
        String orderId) {

    public ArchivedStudy {
        modalitiesInStudy = modalitiesInStudy == null ? List.of() : List.copyOf(modalitiesInStudy);
        sopClassesInStudy = sopClassesInStudy == null ? List.of() : List.copyOf(sopClassesInStudy);
    }
}
