package org.rispacs.api.study;

/**
 * Study attributes the archive answers queries with, as the first object of a series carried
 * them (DICOM-encoded: dates {@code YYYYMMDD}, times {@code HHMMSS.FFFFFF}, names {@code Family^Given});
 * any may be null.
 */
public record ReceivedStudyDetails(
        String studyDate,
        String studyTime,
        String studyId,
        String referringPhysicianName,
        String patientBirthDate,
        String patientSex) {
}
