package org.rispacs.dicom.web;

/**
 * The patient and order identity the RIS holds now, to be written into objects served; a null value
 * leaves that attribute as the modality sent it.
 */
public record CurrentIdentity(String patientId, String issuerOfPatientId, String patientName,
                              String patientBirthDate, String patientSex, String accessionNumber) {

    /** Changes nothing. */
    public static final CurrentIdentity AS_RECEIVED = new CurrentIdentity(null, null, null, null, null, null);
}
