package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.fhir.server.FhirCommandRequests;

/**
 * FHIR as an order channel beside HL7 and REST: a ServiceRequest (with the Patient of its
 * transaction) becomes the same commands, under a new order id, sent as one unit; the domain's
 * refusals become OperationOutcomes (an accession in use is a conflict, 409; what the domain finds
 * invalid, unknown or merged is 422), and a refusal keeps nothing.
 */
final class FhirOrders {


    private final ServiceRequestIntake intake;
    private final QueryGateway queries;
    private final OrderCommands commands;

    FhirOrders(ServiceRequestIntake intake, QueryGateway queries, OrderCommands commands) {
        this.intake = intake;
        this.queries = queries;
        this.commands = commands;
    }

    /** The order placed, as the read model shows it once placed (and scheduled, when asked for). */
    record Placed(String orderId, PatientIdentifier patient, Optional<FhirServiceRequest> shown) {
    }

    Placed place(ServiceRequest request, Patient patient, HttpServletRequest http) {
        String orderId = UUID.randomUUID().toString();
        OrderPlacement placement = intake.placement(orderId, request, patient, this::knownPatient);
        List<Object> sent = new ArrayList<>(List.of(placement.patient(), placement.place()));
        if (placement.schedule() != null) {
            sent.add(placement.schedule());
        }
        boolean scheduled = placement.schedule() != null;
        try {
            Optional<FhirServiceRequest> shown = commands.sendAndAwait(sent, FhirCommandRequests.audit(http), orderId,
                    order -> order.accessionNumber() != null && (!scheduled || order.occurrence() != null));
            return new Placed(orderId, placement.place().patient(), shown);
        } catch (RuntimeException failure) {
            throw FhirCommandRequests.refusal(failure, FhirOrders::answer);
        }
    }

    private Optional<PatientIdentifier> knownPatient(String resourceId) {
        return queries.query(new FindFhirPatientQuery(resourceId), ResponseTypes.optionalInstanceOf(FhirPatient.class))
                .join().map(FhirPatient::identifier);
    }

    private static Optional<BaseServerResponseException> answer(CommandRefusedException refused) {
        return switch (refused.code()) {
            case ACCESSION_IN_USE, STUDY_UID_IN_USE, ORDER_CONFLICT ->
                    Optional.of(new ResourceVersionConflictException(refused.getMessage()));
            default -> Optional.empty();
        };
    }
}
