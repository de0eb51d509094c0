package org.rispacs.fhir.patient;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientMatches;
import org.rispacs.api.fhir.FhirPatientVersions;
import org.rispacs.api.fhir.FindFhirPatientHistoryQuery;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirPatientsQuery;
import org.rispacs.fhir.server.DateSearch;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.PatientDataViews;
import org.rispacs.fhir.server.ResourceHistory;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code Patient}: read, vread and history (each version as it was, from the events that changed it), and
 * search by identifier, name and birth date (combined: all must hold).
 * Answers from the FHIR patients read model through the query bus and keeps nothing itself; every
 * answer that shows patients is recorded as an access. Searches are answered a page at a time
 * ({@link PageRequest}) with the total and next/previous links.
 */
public class PatientResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-patient";
    static final String SEARCH_VIEW = "fhir-patient-search";
    static final String VERSION_VIEW = "fhir-patient-version";
    static final String HISTORY_VIEW = "fhir-patient-history";
    private static final ResourceHistory<FhirPatient> HISTORY = new ResourceHistory<>("Patient",
            FhirPatient::resourceId, FhirPatient::version);

    private final QueryGateway queries;
    private final PatientResources resources;
    private final IdentifierSystems systems;
    private final PatientDataViews views;

    public PatientResourceProvider(QueryGateway queries, IdentifierSystems systems, PatientDataViews views) {
        this.queries = queries;
        this.resources = new PatientResources(systems);
        this.systems = systems;
        this.views = views;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read(version = true)
    public Patient read(@IdParam IdType id, HttpServletRequest request) {
        if (id.hasVersionIdPart()) {
            FhirPatient version = HISTORY.version(id, versions(id));
            views.viewed(request, VERSION_VIEW, List.of(version.identifier()));
            return HISTORY.versioned(version, resources::toResource);
        }
        FhirPatient patient = queries.query(new FindFhirPatientQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirPatient.class)).join()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, List.of(patient.identifier()));
        return resources.toResource(patient);
    }

    /** Every version of the patient, newest first, each as it was: the events that changed it replayed. */
    @History
    public List<Patient> history(@IdParam IdType id, HttpServletRequest request) {
        List<FhirPatient> versions = versions(id);
        List<Patient> answer = HISTORY.newestFirst(id, versions, resources::toResource);
        views.viewed(request, HISTORY_VIEW, versions.stream().map(FhirPatient::identifier).distinct().toList());
        return answer;
    }

    private List<FhirPatient> versions(IdType id) {
        return queries.query(new FindFhirPatientHistoryQuery(id.getIdPart()),
                ResponseTypes.instanceOf(FhirPatientVersions.class)).join().versions();
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                @OptionalParam(name = Patient.SP_NAME) StringParam name,
                                @OptionalParam(name = Patient.SP_BIRTHDATE) DateAndListParam birthDate,
                                @Offset Integer offset,
                                @Count Integer count,
                                HttpServletRequest request) {
        if (identifier == null && name == null && birthDate == null) {
            throw new InvalidRequestException("a Patient search needs identifier, name or birthdate");
        }
        if (name != null && (name.isExact() || name.isContains() || name.getMissing() != null)) {
            throw new InvalidRequestException("name: only the default (starts-with) match is supported");
        }
        PageRequest page = PageRequest.of(offset, count);
        Optional<SearchFhirPatientsQuery> query = query(identifier, name, birthDate, page);
        if (query.isEmpty()) {
            return SearchPage.empty(page);
        }
        FhirPatientMatches matches = queries.query(query.get(), ResponseTypes.instanceOf(FhirPatientMatches.class))
                .join();
        views.viewed(request, SEARCH_VIEW, matches.patients().stream().map(FhirPatient::identifier).toList());
        return SearchPage.of(matches.patients().stream().map(resources::toResource).toList(), page, matches.total());
    }

    /** The read model's query; empty when the identifier's system is none of ours, so nothing can match. */
    private Optional<SearchFhirPatientsQuery> query(TokenParam identifier, StringParam name,
                                                    DateAndListParam birthDate, PageRequest page) {
        String patientId = null;
        String issuer = null;
        if (identifier != null) {
            if (identifier.getModifier() != null || identifier.getMissing() != null) {
                throw new InvalidRequestException("identifier: modifiers are not supported");
            }
            patientId = blankToNull(identifier.getValue());
            String system = blankToNull(identifier.getSystem());
            if (system != null) {
                issuer = systems.issuerOf(system).orElse(null);
                if (issuer == null) {
                    return Optional.empty();
                }
            }
            if (patientId == null && issuer == null) {
                throw new InvalidRequestException("identifier: a system or a value is needed");
            }
        }
        return Optional.of(new SearchFhirPatientsQuery(patientId, issuer, name == null ? null : name.getValue(),
                DateSearch.conditions(Patient.SP_BIRTHDATE, birthDate), page.offset(), page.count()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
