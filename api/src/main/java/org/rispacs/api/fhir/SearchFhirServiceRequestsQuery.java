package org.rispacs.api.fhir;

import java.util.List;
import java.util.Set;

/**
 * Orders matching every criterion given (a null or empty one is not applied); answered with
 * {@link FhirServiceRequestMatches}: the {@code limit} orders after the first {@code offset}, the most
 * recently placed first, with the number of all that match.
 *
 * @param accessionNumber   the accession number, compared in its normalised form
 * @param placerOrderNumber the placer order number, exactly
 * @param anyIdentifier     a value that is the accession number or the placer order number
 * @param patientResourceId the patient's FHIR resource id
 * @param states            the order is in one of these states
 * @param authored          conditions on when the order was placed, all of which must hold
 * @param occurrence        conditions on the scheduled start, all of which must hold
 * @param procedureCode     the procedure code, exactly
 * @param codingScheme      the procedure code's coding scheme, exactly
 * @param offset            how many matches to skip
 * @param limit             the most orders answered
 */
public record SearchFhirServiceRequestsQuery(
        String accessionNumber,
        String placerOrderNumber,
        String anyIdentifier,
        String patientResourceId,
        Set<FhirOrderState> states,
        List<TimeCondition> authored,
        List<TimeCondition> occurrence,
        String procedureCode,
        String codingScheme,
        int offset,
        int limit) {

    public SearchFhirServiceRequestsQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
        authored = authored == null ? List.of() : List.copyOf(authored);
        occurrence = occurrence == null ? List.of() : List.copyOf(occurrence);
    }
}
