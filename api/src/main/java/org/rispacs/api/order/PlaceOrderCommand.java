package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;

/**
 * Places an imaging order. A placer-supplied accession number (HL7 OBR-18 / IPC-1) is used if no
 * other order holds it; without one, the RIS generates one.
 *
 * @param orderingProvider the ordering provider's name, DICOM PN form ({@code family^given^...})
 * @param details          what else the placer said (visit, provider id, diagnosis), null when nothing
 */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier String orderId,
        PatientIdentifier patient,
        String placerOrderNumber,
        ProcedureCode procedure,
        String modality,
        OrderPriority priority,
        String reason,
        String orderingProvider,
        String placerAccessionNumber,
        PlacerDetails details) {

    /** An order placed without placer details (REST, tests). */
    public PlaceOrderCommand(String orderId, PatientIdentifier patient, String placerOrderNumber,
                             ProcedureCode procedure, String modality, OrderPriority priority, String reason,
                             String orderingProvider, String placerAccessionNumber) {
        this(orderId, patient, placerOrderNumber, procedure, modality, priority, reason, orderingProvider,
                placerAccessionNumber, null);
    }
}
