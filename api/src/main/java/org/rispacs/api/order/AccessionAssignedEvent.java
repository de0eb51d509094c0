package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsAccession;
import org.rispacs.api.concerns.ConcernsOrder;

@Revision("1")
public record AccessionAssignedEvent(
        String orderId,
        String accessionNumber,
        boolean suppliedByPlacer) implements ConcernsOrder, ConcernsAccession {
}
