package org.rispacs.query.worklist;

import java.time.LocalDate;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PersonNames;

/** A patient's demographics as the worklist shows them, kept in the {@code worklist-patients} index. */
record PatientDemographics(String patientName, LocalDate patientBirthDate, String patientSex) {

    static PatientDemographics of(Demographics demographics) {
        return new PatientDemographics(PersonNames.toDicom(demographics.name()), demographics.birthDate(),
                demographics.sex());
    }

    /** Whether the patient was registered (a document holding only order ids has none of these). */
    boolean known() {
        return patientName != null || patientBirthDate != null || patientSex != null;
    }
}
