package org.rispacs.query.worklist;

import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.Visit;

/** What a worklist item starts with when its order is placed, besides its request and its patient. */
record WorklistOrder(String orderId, String status, String modality, String placerOrderNumber, String admissionId,
                     String currentPatientLocation) {

    static WorklistOrder placed(OrderPlacedEvent event) {
        Visit visit = event.details() == null ? null : event.details().visit();
        return new WorklistOrder(event.orderId(), WorklistStatus.PLACED.status(), event.modality(),
                event.placerOrderNumber(), visit == null ? null : visit.visitNumber(),
                visit == null ? null : visit.assignedLocation());
    }
}
