package org.rispacs.query.worklist;

import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPriority;

/** A worklist item's requested procedure as the placer asked for it, when placed or updated. */
record WorklistRequest(OrderPriority priority, String referringPhysicianName, String requestingPhysicianName,
                       String reasonForRequestedProcedure, String procedureCode, String procedureCodingScheme,
                       String requestedProcedureDescription) {

    static WorklistRequest of(ProcedureCode procedure, OrderPriority priority, String reason,
                              String orderingProvider) {
        return new WorklistRequest(priority, orderingProvider, orderingProvider, reason, procedure.code(),
                procedure.codingScheme(), procedure.meaning());
    }
}
