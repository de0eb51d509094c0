package org.rispacs.fhir.include;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportMatches;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirImagingStudyMatches;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.api.fhir.SearchFhirDiagnosticReportsQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.rispacs.fhir.patient.PatientResources;
import org.rispacs.fhir.report.DiagnosticReportResources;
import org.rispacs.fhir.server.IncludeNames;
import org.rispacs.fhir.server.Included;
import org.rispacs.fhir.server.KnownPatients;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.servicerequest.ServiceRequestResources;

/**
 * The resources a page of ServiceRequest, ImagingStudy or DiagnosticReport matches brings along with
 * {@code _include}/{@code _revinclude}: the orders, studies, reports and patients they reference or
 * that reference them, fetched for that page only through the same read-model queries as the searches
 * (the lookups of one kind asked at once, then awaited together). HAPI refuses values outside a search
 * method's {@code allow} list before the search runs; {@code :iterate} is refused here. A match brings
 * at most {@value PageRequest#MAX_COUNT} revincluded resources of a kind. Drafts are never included:
 * the reports' query answers signed reports only.
 */
public final class IncludedResources {

    private final QueryGateway queries;
    private final ServiceRequestResources orders;
    private final ImagingStudyResources studies;
    private final DiagnosticReportResources reports;
    private final PatientResources patients;

    public IncludedResources(QueryGateway queries, ServiceRequestResources orders, ImagingStudyResources studies,
                             DiagnosticReportResources reports, PatientResources patients) {
        this.queries = queries;
        this.orders = orders;
        this.studies = studies;
        this.reports = reports;
        this.patients = patients;
    }

    /** {@code _include=ServiceRequest:patient}; {@code _revinclude} of the orders' studies and reports. */
    public Included ofServiceRequests(List<FhirServiceRequest> matches, Set<Include> includes,
                                      Set<Include> revIncludes) {
        Set<String> asked = asked(includes, revIncludes);
        Collected collected = new Collected();
        List<String> orderIds = matches.stream().map(FhirServiceRequest::resourceId).toList();
        if (asked.contains(IncludeNames.SERVICE_REQUEST_PATIENT)) {
            addPatients(collected, matches.stream().map(FhirServiceRequest::patient).toList());
        }
        if (asked.contains(IncludeNames.IMAGING_STUDY_BASEDON)) {
            addStudies(collected, all(orderIds, orderId -> queries.query(new SearchFhirImagingStudiesQuery(null,
                            null, null, orderId, List.of(), 0, PageRequest.MAX_COUNT),
                    ResponseTypes.instanceOf(FhirImagingStudyMatches.class))
                    .thenApply(FhirImagingStudyMatches::studies)));
        }
        if (asked.contains(IncludeNames.DIAGNOSTIC_REPORT_BASED_ON)) {
            addReports(collected, all(orderIds, orderId -> reports(new SearchFhirDiagnosticReportsQuery(null,
                    orderId, null, List.of(), 0, PageRequest.MAX_COUNT))));
        }
        return collected.included();
    }

    /** {@code _include} of the studies' orders and patients; {@code _revinclude} of the reports reading them. */
    public Included ofImagingStudies(List<FhirImagingStudy> matches, Set<Include> includes,
                                     Set<Include> revIncludes) {
        Set<String> asked = asked(includes, revIncludes);
        Collected collected = new Collected();
        if (asked.contains(IncludeNames.IMAGING_STUDY_BASEDON)) {
            addOrders(collected, matches.stream().map(study -> study.contents().study().orderId()).toList());
        }
        if (asked.contains(IncludeNames.IMAGING_STUDY_PATIENT)) {
            addPatients(collected, matches.stream()
                    .map(study -> ImagingStudyResources.patientOf(study.contents().study())).toList());
        }
        if (asked.contains(IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY)) {
            List<String> studyUids = matches.stream().map(study -> study.contents().study().studyInstanceUid())
                    .toList();
            addReports(collected, all(studyUids, studyUid -> reports(new SearchFhirDiagnosticReportsQuery(null,
                    null, studyUid, List.of(), 0, PageRequest.MAX_COUNT))));
        }
        return collected.included();
    }

    /** {@code _include} of the reports' orders, studies and patients. */
    public Included ofDiagnosticReports(List<FhirDiagnosticReport> matches, Set<Include> includes) {
        Set<String> asked = asked(includes, Set.of());
        Collected collected = new Collected();
        if (asked.contains(IncludeNames.DIAGNOSTIC_REPORT_BASED_ON)) {
            addOrders(collected, matches.stream().map(FhirDiagnosticReport::orderId).toList());
        }
        if (asked.contains(IncludeNames.DIAGNOSTIC_REPORT_IMAGING_STUDY)) {
            List<String> studyUids = matches.stream().map(FhirDiagnosticReport::studyInstanceUid).toList();
            addStudies(collected, all(studyUids, studyUid -> queries.query(new FindFhirImagingStudyQuery(studyUid),
                    ResponseTypes.optionalInstanceOf(FhirImagingStudy.class)).thenApply(IncludedResources::listOf)));
        }
        if (asked.contains(IncludeNames.DIAGNOSTIC_REPORT_PATIENT)) {
            addPatients(collected, matches.stream().map(FhirDiagnosticReport::patient).toList());
        }
        return collected.included();
    }

    /** The include values asked for; {@code :iterate} is refused (nothing here reaches further than one step). */
    static Set<String> asked(Set<Include> includes, Set<Include> revIncludes) {
        Set<String> asked = new LinkedHashSet<>();
        for (Set<Include> some : List.of(includes == null ? Set.<Include>of() : includes,
                revIncludes == null ? Set.<Include>of() : revIncludes)) {
            for (Include include : some) {
                if (include.isRecurse()) {
                    throw new InvalidRequestException(include.getValue() + ": _include:iterate and"
                            + " _revinclude:iterate are not supported");
                }
                asked.add(include.getValue());
            }
        }
        return asked;
    }

    private void addOrders(Collected collected, List<String> orderIds) {
        for (FhirServiceRequest order : all(orderIds, orderId -> queries.query(new FindFhirServiceRequestQuery(
                orderId), ResponseTypes.optionalInstanceOf(FhirServiceRequest.class))
                .thenApply(IncludedResources::listOf))) {
            collected.add(orders.toResource(order), order.patient());
        }
    }

    private void addStudies(Collected collected, List<FhirImagingStudy> found) {
        Predicate<PatientIdentifier> known = KnownPatients.of(queries);
        for (FhirImagingStudy study : found) {
            collected.add(studies.toResource(study, known), ImagingStudyResources.patientOf(study.contents().study()));
        }
    }

    private void addReports(Collected collected, List<FhirDiagnosticReport> found) {
        for (FhirDiagnosticReport report : found) {
            collected.add(reports.toResource(report), report.patient());
        }
    }

    private void addPatients(Collected collected, List<PatientIdentifier> identities) {
        List<String> ids = identities.stream().filter(Objects::nonNull).map(FhirPatientIds::of).toList();
        for (FhirPatient patient : all(ids, this::patient)) {
            collected.add(patients.toResource(patient), patient.identifier());
        }
    }

    private CompletableFuture<List<FhirDiagnosticReport>> reports(SearchFhirDiagnosticReportsQuery query) {
        return queries.query(query, ResponseTypes.instanceOf(FhirDiagnosticReportMatches.class))
                .thenApply(FhirDiagnosticReportMatches::reports);
    }

    private CompletableFuture<List<FhirPatient>> patient(String resourceId) {
        return queries.query(new FindFhirPatientQuery(resourceId), ResponseTypes.optionalInstanceOf(FhirPatient.class))
                .thenApply(IncludedResources::listOf);
    }

    /** One lookup per distinct key, all sent before any is awaited; what they found, in the keys' order. */
    private static <T> List<T> all(Collection<String> keys, Function<String, CompletableFuture<List<T>>> lookup) {
        Map<String, CompletableFuture<List<T>>> pending = new LinkedHashMap<>();
        keys.stream().filter(Objects::nonNull).distinct().forEach(key -> pending.put(key, lookup.apply(key)));
        List<T> found = new ArrayList<>();
        pending.values().forEach(one -> found.addAll(one.join()));
        return found;
    }

    private static <T> List<T> listOf(Optional<T> value) {
        return value.map(List::of).orElse(List.of());
    }

    /** What was collected so far: each resource once, each patient shown once. */
    private static final class Collected {

        private final Map<String, IBaseResource> resources = new LinkedHashMap<>();
        private final Set<PatientIdentifier> patients = new LinkedHashSet<>();

        void add(IBaseResource resource, PatientIdentifier patient) {
            resources.putIfAbsent(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            if (patient != null) {
                patients.add(patient);
            }
        }

        Included included() {
            return new Included(new ArrayList<>(resources.values()), new ArrayList<>(patients));
        }
    }
}
