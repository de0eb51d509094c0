package org.rispacs.api.order;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccessionAssignedEvent(
        String orderId,
        String accessionNumber,
        boolean suppliedByPlacer) {
}
