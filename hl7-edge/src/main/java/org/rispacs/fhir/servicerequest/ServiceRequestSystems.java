package org.rispacs.fhir.servicerequest;

import org.rispacs.fhir.patient.IdentifierSystems;

/**
 * The identifier and code systems a ServiceRequest uses.
 *
 * @param accession   the system of accession numbers (identifier type ACSN)
 * @param placerOrder the system of placer order numbers (identifier type PLAC)
 * @param patients    the systems of patient identifiers
 * @param codes       the systems of procedure codes
 */
public record ServiceRequestSystems(String accession, String placerOrder, IdentifierSystems patients,
                                    CodingSystems codes) {
}
