package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.fhir.server.PatientDataViews;

/**
 * {@code POST /fhir} with a transaction Bundle: an order with its patient, as an HL7 ORM brings
 * them. The Bundle holds one ServiceRequest to create and at most one Patient, to which the
 * ServiceRequest's subject refers by the Patient's {@code fullUrl}; the patient is registered or
 * their demographics updated, and the order placed, together or not at all. Nothing else is offered
 * in a transaction.
 */
public class OrderTransactionProvider {

    private final FhirOrders orders;
    private final ServiceRequestResources resources;
    private final PatientDataViews views;

    OrderTransactionProvider(FhirOrders orders, ServiceRequestResources resources, PatientDataViews views) {
        this.orders = orders;
        this.resources = resources;
        this.views = views;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, HttpServletRequest request, RequestDetails details) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw new InvalidRequestException("a Bundle of type transaction is needed, not "
                    + (bundle.getType() == null ? "none" : bundle.getType().toCode()));
        }
        BundleEntryComponent orderEntry = null;
        BundleEntryComponent patientEntry = null;
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof ServiceRequest && orderEntry == null) {
                orderEntry = entry;
            } else if (entry.getResource() instanceof Patient && patientEntry == null) {
                patientEntry = entry;
            } else {
                throw new UnprocessableEntityException("a transaction may hold one ServiceRequest and one Patient,"
                        + " nothing else (found " + (entry.hasResource() ? entry.getResource().fhirType()
                        : "an entry without a resource") + ")");
            }
        }
        if (orderEntry == null) {
            throw new UnprocessableEntityException("a transaction needs a ServiceRequest to create");
        }
        requireMethod(orderEntry, "ServiceRequest", HTTPVerb.POST);
        ServiceRequest order = (ServiceRequest) orderEntry.getResource();
        Patient patient = null;
        if (patientEntry != null) {
            requireMethod(patientEntry, "Patient", HTTPVerb.POST, HTTPVerb.PUT);
            String fullUrl = patientEntry.getFullUrl();
            if (fullUrl == null || fullUrl.isBlank() || !fullUrl.equals(order.getSubject().getReference())) {
                throw new UnprocessableEntityException("the ServiceRequest's subject must refer to the"
                        + " transaction's Patient by its fullUrl (" + fullUrl + ")");
            }
            patient = (Patient) patientEntry.getResource();
        }
        FhirOrders.Placed placed = orders.place(order, patient, request);
        MethodOutcome created = created(placed, resources, views, request);
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry == orderEntry) {
                BundleEntryComponent answer = response.addEntry();
                answer.getResponse().setStatus("201 Created").setLocation(created.getId().getValue());
                if (created.getResource() != null) {
                    answer.setFullUrl(details.getFhirServerBase() + "/" + created.getId().toVersionless().getValue())
                            .setResource((ServiceRequest) created.getResource());
                    answer.getResponse().setEtag("W/\"" + created.getId().getVersionIdPart() + "\"");
                }
            } else {
                response.addEntry().getResponse().setStatus("200 OK")
                        .setLocation("Patient/" + FhirPatientIds.of(placed.patient()));
            }
        }
        return response;
    }

    /** The answer to a create: the order's location with its version, and the order, once the read model shows it. */
    static MethodOutcome created(FhirOrders.Placed placed, ServiceRequestResources resources, PatientDataViews views,
                                 HttpServletRequest request) {
        MethodOutcome outcome = new MethodOutcome().setCreated(true);
        if (placed.shown().isEmpty()) {
            // stored, but the read model lags: the location without a version, and no body
            outcome.setId(new IdType("ServiceRequest", placed.orderId()));
            return outcome;
        }
        FhirServiceRequest order = placed.shown().get();
        outcome.setId(new IdType("ServiceRequest", order.resourceId(), String.valueOf(order.version())));
        outcome.setResource(resources.toResource(order));
        views.viewed(request, ServiceRequestResourceProvider.CREATE_VIEW, List.of(order.patient()));
        return outcome;
    }

    private static void requireMethod(BundleEntryComponent entry, String type, HTTPVerb... allowed) {
        HTTPVerb method = entry.getRequest().getMethod();
        if (method == null || !List.of(allowed).contains(method)) {
            throw new UnprocessableEntityException("the " + type + " entry's request.method must be "
                    + List.of(allowed) + ", not " + (method == null ? "absent" : method.toCode()));
        }
    }
}
