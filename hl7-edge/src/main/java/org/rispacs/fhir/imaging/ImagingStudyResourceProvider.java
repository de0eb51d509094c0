package org.rispacs.fhir.imaging;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirImagingStudyMatches;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.fhir.server.Included;
import org.rispacs.fhir.server.IncludeNames;
import org.rispacs.fhir.server.IncludedFor;
import org.rispacs.fhir.server.KnownPatients;
import org.rispacs.fhir.server.DateSearch;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.PatientDataViews;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code ImagingStudy}: read by Study Instance UID, and search by patient, identifier, basedon (the order) and
 * started (combined: all must hold), with {@code _include} of the order and the patient and {@code _revinclude} of
 * the reports reading the study ({@link IncludedFor}). Answers from the archive's read model, the one
 * DICOMweb and Query/Retrieve answer from, so a study shows its current identity here too; keeps nothing itself,
 * and records every answer that shows patients as an access. Searches are answered a page at a time
 * ({@link PageRequest}).
 */
public class ImagingStudyResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-imaging-study";
    static final String SEARCH_VIEW = "fhir-imaging-study-search";

    private final QueryGateway queries;
    private final ImagingStudySearch searches;
    private final ImagingStudyResources resources;
    private final PatientDataViews views;
    private final IncludedFor<FhirImagingStudy> included;

    public ImagingStudyResourceProvider(QueryGateway queries, ImagingStudyResources resources,
                                        PatientDataViews views, IncludedFor<FhirImagingStudy> included) {
        this.queries = queries;
        this.searches = new ImagingStudySearch(queries);
        this.resources = resources;
        this.views = views;
        this.included = included;
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
        return resources.toResource(study, KnownPatients.of(queries));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = ImagingStudy.SP_PATIENT) ReferenceParam patient,
                                     @OptionalParam(name = ImagingStudy.SP_IDENTIFIER) TokenParam identifier,
                                     @OptionalParam(name = ImagingStudy.SP_BASEDON) ReferenceParam basedOn,
                                     @OptionalParam(name = ImagingStudy.SP_STARTED) DateAndListParam started,
                                     @IncludeParam(allow = {IncludeNames.IMAGING_STUDY_BASEDON,
                                             IncludeNames.IMAGING_STUDY_PATIENT}) Set<Include> includes,
                                     @IncludeParam(reverse = true,
                                             allow = IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY)
                                     Set<Include> revIncludes,
                                     @Offset Integer offset,
                                     @Count Integer count,
                                     HttpServletRequest request) {
        if (patient == null && identifier == null && basedOn == null && started == null) {
            throw new InvalidRequestException("an ImagingStudy search needs patient, identifier, basedon or started");
        }
        PageRequest page = PageRequest.of(offset, count);
        Optional<SearchFhirImagingStudiesQuery> query = searches.query(patient, identifier, basedOn,
                DateSearch.conditions(ImagingStudy.SP_STARTED, started), page);
        if (query.isEmpty()) {
            return SearchPage.empty(page);
        }
        FhirImagingStudyMatches matches = queries.query(query.get(),
                ResponseTypes.instanceOf(FhirImagingStudyMatches.class)).join();
        Included besides = included.of(matches.studies(), includes, revIncludes);
        views.viewed(request, SEARCH_VIEW, Stream.concat(patients(matches.studies()).stream(),
                besides.patients().stream()).distinct().toList());
        Predicate<PatientIdentifier> known = KnownPatients.of(queries);
        return SearchPage.of(matches.studies().stream().map(study -> resources.toResource(study, known)).toList(),
                besides.resources(), page, matches.total());
    }

    private static List<PatientIdentifier> patients(List<FhirImagingStudy> studies) {
        return studies.stream().map(study -> ImagingStudyResources.patientOf(study.contents().study()))
                .filter(Objects::nonNull).distinct().toList();
    }
}
