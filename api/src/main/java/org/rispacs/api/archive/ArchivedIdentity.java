package org.rispacs.api.archive;

/**
 * Who a study belongs to and which order it answers: the patient and accession attributes, either
 * as the objects carried them when received or as they are now (after a match to an order, a
 * merge, a demographics correction or a reconciliation). Values are DICOM-encoded strings (dates
 * {@code YYYYMMDD}, names {@code Family^Given}); any may be null.
 */
public record ArchivedIdentity(
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String patientBirthDate,
        String patientSex,
        String accessionNumber) {
}
