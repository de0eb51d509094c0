package org.rispacs.query.reading;

import java.util.List;
import org.rispacs.api.order.OrderPriority;

/** A reading worklist order's procedure and priority, ranked so that the most urgent sort first. */
record ReadingProcedure(String procedureCode, String procedureDescription, OrderPriority priority,
                        int priorityRank) {

    private static final List<OrderPriority> URGENCY = List.of(OrderPriority.STAT, OrderPriority.HIGH,
            OrderPriority.MEDIUM, OrderPriority.ROUTINE, OrderPriority.LOW);

    static ReadingProcedure of(String code, String description, OrderPriority priority) {
        return new ReadingProcedure(code, description, priority, URGENCY.indexOf(priority));
    }
}
