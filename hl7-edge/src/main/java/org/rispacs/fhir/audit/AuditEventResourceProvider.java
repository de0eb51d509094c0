package org.rispacs.fhir.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
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
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.FhirAuditRecordMatches;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FindFhirAuditRecordQuery;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.PatientDataViews;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code AuditEvent}: read, and search by patient, entity, agent, agent-name, subtype and date (combined:
 * all must hold), answered from the audit timeline through the query bus: the same trail the audit
 * pages show. Reading the trail is itself an access: each answer that shows patients is recorded as
 * one view naming them, so a search adds one event to the trail however many it answered. Searches
 * are answered a page at a time ({@link PageRequest}).
 */
public class AuditEventResourceProvider implements IResourceProvider {

    static final String READ_VIEW = "fhir-audit-event";
    static final String SEARCH_VIEW = "fhir-audit-event-search";

    private final QueryGateway queries;
    private final AuditEventResources resources;
    private final PatientDataViews views;

    public AuditEventResourceProvider(QueryGateway queries, IdentifierSystems systems, PatientDataViews views) {
        this.queries = queries;
        this.resources = new AuditEventResources(systems);
        this.views = views;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, HttpServletRequest request) {
        FhirAuditRecord event = queries.query(new FindFhirAuditRecordQuery(id.getIdPart()),
                        ResponseTypes.optionalInstanceOf(FhirAuditRecord.class)).join()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        views.viewed(request, READ_VIEW, patients(List.of(event)));
        return resources.toResource(event);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
                                   @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
                                   @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
                                   @OptionalParam(name = AuditEvent.SP_AGENT_NAME) StringParam agentName,
                                   @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
                                   @OptionalParam(name = AuditEvent.SP_DATE) DateAndListParam date,
                                   @Offset Integer offset,
                                   @Count Integer count,
                                   HttpServletRequest request) {
        if (patient == null && entity == null && agent == null && agentName == null && subtype == null
                && date == null) {
            throw new InvalidRequestException(
                    "an AuditEvent search needs patient, entity, agent, agent-name, subtype or date");
        }
        PageRequest page = PageRequest.of(offset, count);
        Optional<SearchFhirAuditRecordsQuery> query = new AuditEventSearch(this::patientOf)
                .query(patient, entity, agent, agentName, subtype, RecordedRange.of(date), page);
        if (query.isEmpty()) {
            return SearchPage.empty(page);
        }
        FhirAuditRecordMatches matches = queries.query(query.get(),
                ResponseTypes.instanceOf(FhirAuditRecordMatches.class)).join();
        views.viewed(request, SEARCH_VIEW, patients(matches.records()));
        return SearchPage.of(matches.records().stream().map(resources::toResource).toList(), page, matches.total());
    }

    /** The patient a Patient resource id stands for, if the RIS knows it. */
    private Optional<PatientIdentifier> patientOf(String resourceId) {
        return queries.query(new FindFhirPatientQuery(resourceId), ResponseTypes.optionalInstanceOf(FhirPatient.class))
                .join().map(FhirPatient::identifier);
    }

    /** The patients the answered events concern (those with an issuer: the others have no Patient resource). */
    static List<PatientIdentifier> patients(List<FhirAuditRecord> events) {
        return events.stream().flatMap(event -> event.patients().stream()).distinct()
                .map(AuditEventResources::identified).flatMap(Optional::stream).toList();
    }
}
