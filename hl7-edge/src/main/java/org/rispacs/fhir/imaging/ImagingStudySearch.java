package org.rispacs.fhir.imaging;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.DateCondition;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.fhir.server.PageRequest;

/**
 * An ImagingStudy search's parameters as a query of the archive: the patient's resource id turned
 * into the identity it stands for, an identifier into a Study Instance UID or an accession number,
 * a ServiceRequest into its order. Empty when a parameter names nothing we hold, so nothing matches.
 */
final class ImagingStudySearch {

    private final QueryGateway queries;

    ImagingStudySearch(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<SearchFhirImagingStudiesQuery> query(ReferenceParam patient, TokenParam identifier,
                                                  ReferenceParam basedOn, List<DateCondition> started,
                                                  PageRequest page) {
        PatientIdentifier owner = null;
        if (patient != null) {
            Optional<PatientIdentifier> found = patient(idOf(patient, "patient", "Patient"));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            owner = found.get();
        }
        String studyUid = null;
        String accession = null;
        if (identifier != null) {
            Optional<StudyIdentifier> study = StudyIdentifier.of(identifier);
            if (study.isEmpty()) {
                return Optional.empty();
            }
            studyUid = study.get().studyInstanceUid();
            accession = study.get().accessionNumber();
        }
        String orderId = basedOn == null ? null : idOf(basedOn, "basedon", "ServiceRequest");
        return Optional.of(new SearchFhirImagingStudiesQuery(owner, studyUid, accession, orderId, started,
                page.offset(), page.count()));
    }

    private Optional<PatientIdentifier> patient(String resourceId) {
        return queries.query(new FindFhirPatientQuery(resourceId), ResponseTypes.optionalInstanceOf(FhirPatient.class))
                .join().map(FhirPatient::identifier);
    }

    /** The id a reference parameter names ({@code Type/id} or {@code id}); chains and other types refused. */
    private static String idOf(ReferenceParam reference, String parameter, String type) {
        if (reference.getChain() != null && !reference.getChain().isBlank()) {
            throw new InvalidRequestException(parameter + ": chained searches are not supported");
        }
        if (reference.getMissing() != null) {
            throw new InvalidRequestException(parameter + ": the :missing modifier is not supported");
        }
        String resourceType = reference.getResourceType();
        if (resourceType != null && !resourceType.isBlank() && !resourceType.equals(type)) {
            throw new InvalidRequestException(parameter + ": references a " + type + ", not a " + resourceType);
        }
        String id = reference.getIdPart();
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException(parameter + ": a " + type + " id is needed");
        }
        return id.strip();
    }
}
