package org.rispacs.fhir.imaging;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirImagingStudyMatches;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.fhir.server.PatientDataViews;

/**
 * {@code ImagingStudy}: read by Study Instance UID, and search by patient, identifier, basedon
 * (the order) and started (combined: all must hold). Answers from the archive's read model, the
 * one DICOMweb and Query/Retrieve answer from, so a study shows its current identity here too;
 * keeps nothing itself, and records every answer that shows patients as an access. A search
 * answers at most {@value #MAX_MATCHES} studies (fewer with {@code _count}); one that matches more
 * is refused as too broad (paging comes later).
 */
public class ImagingStudyResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-imaging-study";
    static final String SEARCH_VIEW = "fhir-imaging-study-search";
    static final int MAX_MATCHES = 100;

    private final QueryGateway queries;
    private final ImagingStudySearch searches;
    private final ImagingStudyResources resources;
    private final PatientDataViews views;

    public ImagingStudyResourceProvider(QueryGateway queries, ImagingStudyResources resources,
                                        PatientDataViews views) {
        this.queries = queries;
        this.searches = new ImagingStudySearch(queries);
        this.resources = resources;
        this.views = views;
    }

    @Override
    public Class<ImagingStudy> getResourceType() {
        return ImagingStudy.class;
    }

    @Read
    public ImagingStudy read(@IdParam IdType id, HttpServletRequest request) {
        FhirImagingStudy study = queries.query(new FindFhirImagingStudyQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirImagingStudy.class)).join()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, patients(List.of(study)));
        return resources.toResource(study, knownPatients());
    }

    @Search
    public List<ImagingStudy> search(@OptionalParam(name = ImagingStudy.SP_PATIENT) ReferenceParam patient,
                                     @OptionalParam(name = ImagingStudy.SP_IDENTIFIER) TokenParam identifier,
                                     @OptionalParam(name = ImagingStudy.SP_BASEDON) ReferenceParam basedOn,
                                     @OptionalParam(name = ImagingStudy.SP_STARTED) DateAndListParam started,
                                     @Count Integer count,
                                     HttpServletRequest request) {
        if (patient == null && identifier == null && basedOn == null && started == null) {
            throw new InvalidRequestException("an ImagingStudy search needs patient, identifier, basedon or started");
        }
        Optional<SearchFhirImagingStudiesQuery> query = searches.query(patient, identifier, basedOn,
                StartedSearch.conditions(started), limit(count));
        if (query.isEmpty()) {
            return List.of();
        }
        FhirImagingStudyMatches matches = queries.query(query.get(),
                ResponseTypes.instanceOf(FhirImagingStudyMatches.class)).join();
        if (matches.more()) {
            // no next link yet: an answer cut short would look complete to the client
            throw new InvalidRequestException("more than " + query.get().limit()
                    + " studies match; narrow the search (paging is not offered yet)");
        }
        views.viewed(request, SEARCH_VIEW, patients(matches.studies()));
        Predicate<PatientIdentifier> known = knownPatients();
        return matches.studies().stream().map(study -> resources.toResource(study, known)).toList();
    }

    private static int limit(Integer count) {
        if (count != null && count < 0) {
            throw new InvalidRequestException("_count must not be negative");
        }
        return count == null ? MAX_MATCHES : Math.min(count, MAX_MATCHES);
    }

    private static List<PatientIdentifier> patients(List<FhirImagingStudy> studies) {
        return studies.stream().map(study -> ImagingStudyResources.patientOf(study.contents().study()))
                .filter(Objects::nonNull).distinct().toList();
    }

    /** Whether our FHIR Patient of an identity can be read, each identity asked once per answer. */
    private Predicate<PatientIdentifier> knownPatients() {
        Map<PatientIdentifier, Boolean> known = new HashMap<>();
        return patient -> known.computeIfAbsent(patient, any -> queries.query(
                new FindFhirPatientQuery(FhirPatientIds.of(patient)),
                ResponseTypes.optionalInstanceOf(FhirPatient.class)).join().isPresent());
    }
}
