package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;

@Revision("1")
public record OrderPlacedEvent(
        String orderId,
        PatientIdentifier patient,
        String placerOrderNumber,
        ProcedureCode procedure,
        String modality,
        OrderPriority priority,
        String reason,
        String orderingProvider,
        PlacerDetails details) implements ConcernsOrder, ConcernsPatient {

    /** An order placed without placer details (events stored before they were kept have none). */
    public OrderPlacedEvent(String orderId, PatientIdentifier patient, String placerOrderNumber,
                            ProcedureCode procedure, String modality, OrderPriority priority, String reason,
                            String orderingProvider) {
        this(orderId, patient, placerOrderNumber, procedure, modality, priority, reason, orderingProvider, null);
    }
}
