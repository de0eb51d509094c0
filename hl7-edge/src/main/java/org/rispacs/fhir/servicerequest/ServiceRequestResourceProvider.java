package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FhirServiceRequestMatches;
import org.rispacs.api.fhir.FhirServiceRequestVersions;
import org.rispacs.api.fhir.FindFhirServiceRequestHistoryQuery;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.api.fhir.SearchFhirServiceRequestsQuery;
import org.rispacs.fhir.server.Included;
import org.rispacs.fhir.server.IncludeNames;
import org.rispacs.fhir.server.IncludedFor;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.PatientDataViews;
import org.rispacs.fhir.server.ResourceHistory;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code ServiceRequest}, one per order (id = order id): read; search by identifier (accession number, placer order
 * number, by system or {@code :of-type} ACSN or PLAC), patient, status, authored, occurrence and code (combined:
 * all must hold), with {@code _include} of the patient and {@code _revinclude} of the orders' studies and reports
 * ({@link IncludedFor}); create, as an order channel ({@link FhirOrders}). Reads and searches answer from the FHIR
 * service requests read model through the query bus; every answer that shows patients is recorded as an access.
 * Searches are answered a page at a time ({@link PageRequest}).
 */
public class ServiceRequestResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-service-request";
    static final String SEARCH_VIEW = "fhir-service-request-search";
    static final String CREATE_VIEW = "fhir-service-request-create";
    static final String VERSION_VIEW = "fhir-service-request-version";
    static final String HISTORY_VIEW = "fhir-service-request-history";
    static final String STATUS_SYSTEM = "http://hl7.org/fhir/request-status";
    private static final ResourceHistory<FhirServiceRequest> HISTORY = new ResourceHistory<>("ServiceRequest",
            FhirServiceRequest::resourceId, FhirServiceRequest::version);

    private final QueryGateway queries;
    private final ServiceRequestSystems systems;
    private final ServiceRequestResources resources;
    private final DateTimeSearch dates;
    private final FhirOrders orders;
    private final PatientDataViews views;
    private final IncludedFor<FhirServiceRequest> included;

    public ServiceRequestResourceProvider(QueryGateway queries, OrderCommands commands, ServiceRequestSystems systems,
                                          ZoneId zone, PatientDataViews views,
                                          IncludedFor<FhirServiceRequest> included) {
        this.queries = queries;
        this.systems = systems;
        this.resources = new ServiceRequestResources(systems, zone);
        this.dates = new DateTimeSearch(zone);
        this.orders = new FhirOrders(new ServiceRequestIntake(systems, zone), queries, commands);
        this.views = views;
        this.included = included;
    }

    /** The transaction endpoint's orders, placed the same way as here. */
    public OrderTransactionProvider transactions() {
        return new OrderTransactionProvider(orders, resources, views);
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Read(version = true)
    public ServiceRequest read(@IdParam IdType id, HttpServletRequest request) {
        if (id.hasVersionIdPart()) {
            FhirServiceRequest version = HISTORY.version(id, versions(id));
            views.viewed(request, VERSION_VIEW, List.of(version.patient()));
            return HISTORY.versioned(version, resources::toResource);
        }
        FhirServiceRequest order = queries.query(new FindFhirServiceRequestQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirServiceRequest.class)).join()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, List.of(order.patient()));
        return resources.toResource(order);
    }

    /** Every version of the order, newest first, each as it was: the order's events replayed. */
    @History
    public List<ServiceRequest> history(@IdParam IdType id, HttpServletRequest request) {
        List<FhirServiceRequest> versions = versions(id);
        List<ServiceRequest> answer = HISTORY.newestFirst(id, versions, resources::toResource);
        views.viewed(request, HISTORY_VIEW, versions.stream().map(FhirServiceRequest::patient).distinct().toList());
        return answer;
    }

    private List<FhirServiceRequest> versions(IdType id) {
        return queries.query(new FindFhirServiceRequestHistoryQuery(id.getIdPart()),
                ResponseTypes.instanceOf(FhirServiceRequestVersions.class)).join().versions();
    }

    @Create
    public MethodOutcome create(@ResourceParam ServiceRequest resource, HttpServletRequest request) {
        FhirOrders.Placed placed = orders.place(resource, null, request);
        return OrderTransactionProvider.created(placed, resources, views, request);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = ServiceRequest.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = ServiceRequest.SP_PATIENT, chainWhitelist = {"", Patient.SP_IDENTIFIER},
                    targetTypes = Patient.class) ReferenceParam patient,
            @OptionalParam(name = ServiceRequest.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = ServiceRequest.SP_AUTHORED) DateAndListParam authored,
            @OptionalParam(name = ServiceRequest.SP_OCCURRENCE) DateAndListParam occurrence,
            @OptionalParam(name = ServiceRequest.SP_CODE) TokenParam code,
            @IncludeParam(allow = IncludeNames.SERVICE_REQUEST_PATIENT) Set<Include> includes,
            @IncludeParam(reverse = true, allow = {IncludeNames.IMAGING_STUDY_BASEDON,
                    IncludeNames.DIAGNOSTIC_REPORT_BASED_ON}) Set<Include> revIncludes,
            @Offset Integer offset,
            @Count Integer count,
            HttpServletRequest request) {
        if (identifier == null && patient == null && status == null && authored == null && occurrence == null
                && code == null) {
            throw new InvalidRequestException("a ServiceRequest search needs identifier, patient, status, authored,"
                    + " occurrence or code");
        }
        PageRequest page = PageRequest.of(offset, count);
        Optional<SearchFhirServiceRequestsQuery> query = new Criteria(identifier, patient, status, authored,
                occurrence, code, page).query();
        if (query.isEmpty()) {
            return SearchPage.empty(page);
        }
        FhirServiceRequestMatches matches = queries.query(query.get(),
                ResponseTypes.instanceOf(FhirServiceRequestMatches.class)).join();
        Included besides = included.of(matches.serviceRequests(), includes, revIncludes);
        views.viewed(request, SEARCH_VIEW, Stream.concat(matches.serviceRequests().stream()
                .map(FhirServiceRequest::patient), besides.patients().stream()).distinct().toList());
        return SearchPage.of(matches.serviceRequests().stream().map(resources::toResource).toList(),
                besides.resources(), page, matches.total());
    }

    /** A search's parameters as the read model's query; empty when they can match nothing. */
    private final class Criteria {

        private final TokenParam identifier;
        private final ReferenceParam patient;
        private final TokenOrListParam status;
        private final DateAndListParam authored;
        private final DateAndListParam occurrence;
        private final TokenParam code;
        private final PageRequest page;

        Criteria(TokenParam identifier, ReferenceParam patient, TokenOrListParam status, DateAndListParam authored,
                 DateAndListParam occurrence, TokenParam code, PageRequest page) {
            this.identifier = identifier;
            this.patient = patient;
            this.status = status;
            this.authored = authored;
            this.occurrence = occurrence;
            this.code = code;
            this.page = page;
        }

        Optional<SearchFhirServiceRequestsQuery> query() {
            String accession = null;
            String placer = null;
            String anyIdentifier = null;
            if (identifier != null && identifier.getModifier() == TokenParamModifier.OF_TYPE) {
                String[] typed = ofType(identifier);
                switch (typed[0]) {
                    case "ACSN" -> accession = typed[1];
                    case "PLAC" -> placer = typed[1];
                    default -> {
                        return Optional.empty();
                    }
                }
            } else if (identifier != null) {
                String value = token(identifier, "identifier");
                String system = blankToNull(identifier.getSystem());
                if (system == null) {
                    anyIdentifier = value;
                } else if (system.equals(systems.accession())) {
                    accession = value;
                } else if (system.equals(systems.placerOrder())) {
                    placer = value;
                } else {
                    return Optional.empty();
                }
            }
            String patientResourceId = null;
            if (patient != null) {
                Optional<String> resourceId = patientResourceId();
                if (resourceId.isEmpty()) {
                    return Optional.empty();
                }
                patientResourceId = resourceId.get();
            }
            Set<FhirOrderState> states = EnumSet.noneOf(FhirOrderState.class);
            if (status != null) {
                for (TokenParam one : status.getValuesAsQueryTokens()) {
                    String value = token(one, "status");
                    if (one.getSystem() != null && !one.getSystem().isBlank()
                            && !one.getSystem().equals(STATUS_SYSTEM)) {
                        continue;
                    }
                    try {
                        states.addAll(ServiceRequestResources.states(ServiceRequestStatus.fromCode(value)));
                    } catch (FHIRException unknown) {
                        throw new InvalidRequestException("status: '" + value + "' is not a request status");
                    }
                }
                if (states.isEmpty()) {
                    return Optional.empty();
                }
            }
            String procedureCode = null;
            String scheme = null;
            if (code != null) {
                procedureCode = token(code, "code");
                String system = blankToNull(code.getSystem());
                if (system != null) {
                    Optional<String> known = systems.codes().schemeOf(system);
                    if (known.isEmpty()) {
                        return Optional.empty();
                    }
                    scheme = known.get();
                }
            }
            return Optional.of(new SearchFhirServiceRequestsQuery(accession, placer, anyIdentifier,
                    patientResourceId, states, dates.conditions("authored", authored),
                    dates.conditions("occurrence", occurrence), procedureCode, scheme, page.offset(), page.count()));
        }

        /** {@code Patient/<id>} or {@code <id>}, or {@code patient.identifier=system|value}; empty: matches no one. */
        private Optional<String> patientResourceId() {
            if (patient.getMissing() != null) {
                throw new InvalidRequestException("patient: the :missing modifier is not supported");
            }
            if (Patient.SP_IDENTIFIER.equals(patient.getChain())) {
                String value = patient.getValue();
                int bar = value.indexOf('|');
                if (bar <= 0 || bar == value.length() - 1) {
                    throw new InvalidRequestException("patient.identifier: system|value is needed");
                }
                return systems.patients().issuerOf(value.substring(0, bar)).map(issuer ->
                        FhirPatientIds.of(new PatientIdentifier(value.substring(bar + 1), issuer)));
            }
            String type = patient.getResourceType();
            if (type != null && !type.equals("Patient")) {
                return Optional.empty();
            }
            String id = blankToNull(patient.getIdPart());
            if (id == null) {
                throw new InvalidRequestException("patient: a Patient id is needed");
            }
            return Optional.of(id);
        }
    }

    /**
     * {@code identifier:of-type=<v2-0203>|<type code>|<value>}, as an EHR searches for an accession
     * (ACSN) or placer number (PLAC) without knowing our systems: the type code and the value.
     */
    private static String[] ofType(TokenParam token) {
        String system = blankToNull(token.getSystem());
        String[] typed = token.getValue() == null ? new String[0] : token.getValue().split("\\|", 2);
        if (!ServiceRequestResources.IDENTIFIER_TYPES.equals(system) || typed.length != 2 || typed[0].isBlank()
                || typed[1].isBlank()) {
            throw new InvalidRequestException("identifier:of-type: " + ServiceRequestResources.IDENTIFIER_TYPES
                    + "|<type code>|<value> is needed, such as ACSN (accession) or PLAC (placer order number)");
        }
        return new String[] {typed[0].strip(), typed[1].strip()};
    }

    private static String token(TokenParam token, String name) {
        if (token.getModifier() != null || token.getMissing() != null) {
            throw new InvalidRequestException(name + ": modifiers are not supported");
        }
        String value = blankToNull(token.getValue());
        if (value == null) {
            throw new InvalidRequestException(name + ": a value is needed");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
