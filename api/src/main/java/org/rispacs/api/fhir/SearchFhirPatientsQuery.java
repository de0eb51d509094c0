package org.rispacs.api.fhir;

import java.util.List;

/**
 * Patients matching every criterion given (a null one is not applied); answered with
 * {@link FhirPatientMatches}: the {@code limit} patients after the first {@code offset}, ordered by patient
 * id and issuer, with the number of all that match.
 *
 * @param patientId   the identifier's value, exactly
 * @param issuer      the identifier's issuer, exactly; null matches any issuer
 * @param namePrefix  the start of any part of the name (family, given, middle, prefix, suffix) or of
 *                    "given family" / "family given", compared case- and accent-insensitively
 * @param birthDate   conditions on the birth date, all of which must hold
 * @param offset      how many matches to skip
 * @param limit       the most patients answered
 */
public record SearchFhirPatientsQuery(
        String patientId,
        String issuer,
        String namePrefix,
        List<DateCondition> birthDate,
        int offset,
        int limit) {

    public SearchFhirPatientsQuery {
        birthDate = birthDate == null ? List.of() : List.copyOf(birthDate);
    }
}
