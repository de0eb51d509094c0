package org.rispacs.fhir.patient;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
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
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirPatientsQuery;
import org.rispacs.fhir.server.PatientDataViews;

/**
 * {@code Patient}: read, and search by identifier, name and birth date (combined: all must hold).
 * Answers from the FHIR patients read model through the query bus and keeps nothing itself; every
 * answer that shows patients is recorded as an access. A search answers at most
 * {@value #MAX_MATCHES} patients (fewer with {@code _count}); one that matches more is refused as too
 * broad, since an answer cut short without a next link would look complete (paging comes later).
 */
public class PatientResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-patient";
    static final String SEARCH_VIEW = "fhir-patient-search";
    static final int MAX_MATCHES = 100;

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

    @Read
    public Patient read(@IdParam IdType id, HttpServletRequest request) {
        FhirPatient patient = queries.query(new FindFhirPatientQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirPatient.class)).join()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, List.of(patient.identifier()));
        return resources.toResource(patient);
    }

    @Search
    public List<Patient> search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                @OptionalParam(name = Patient.SP_NAME) StringParam name,
                                @OptionalParam(name = Patient.SP_BIRTHDATE) DateAndListParam birthDate,
                                @Count Integer count,
                                HttpServletRequest request) {
        if (identifier == null && name == null && birthDate == null) {
            throw new InvalidRequestException("a Patient search needs identifier, name or birthdate");
        }
        if (name != null && (name.isExact() || name.isContains() || name.getMissing() != null)) {
            throw new InvalidRequestException("name: only the default (starts-with) match is supported");
        }
        Optional<SearchFhirPatientsQuery> query = query(identifier, name, birthDate, count);
        if (query.isEmpty()) {
            return List.of();
        }
        FhirPatientMatches matches = queries.query(query.get(), ResponseTypes.instanceOf(FhirPatientMatches.class))
                .join();
        if (matches.more()) {
            // no next link yet: an answer cut short would look complete to the client
            throw new InvalidRequestException("more than " + query.get().limit()
                    + " patients match; narrow the search (paging is not offered yet)");
        }
        views.viewed(request, SEARCH_VIEW, matches.patients().stream().map(FhirPatient::identifier).toList());
        return matches.patients().stream().map(resources::toResource).toList();
    }

    /** The read model's query; empty when the identifier's system is none of ours, so nothing can match. */
    private Optional<SearchFhirPatientsQuery> query(TokenParam identifier, StringParam name,
                                                    DateAndListParam birthDate, Integer count) {
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
        if (count != null && count < 0) {
            throw new InvalidRequestException("_count must not be negative");
        }
        int limit = count == null ? MAX_MATCHES : Math.min(count, MAX_MATCHES);
        if (limit == 0) {
            return Optional.empty();
        }
        return Optional.of(new SearchFhirPatientsQuery(patientId, issuer, name == null ? null : name.getValue(),
                BirthDateSearch.conditions(birthDate), limit));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
