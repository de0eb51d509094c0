package org.rispacs.api.order;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsAccession;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsStudy;

/** The procedure is on the worklist, with identifiers pre-assigned for the modality to copy (IHE SWF). */
@Revision("1")
public record ProcedureScheduledEvent(
        String orderId,
        String accessionNumber,
        String requestedProcedureId,
        String scheduledProcedureStepId,
        String studyInstanceUid,
        LocalDateTime scheduledStart,
        String stationAeTitle,
        String stationName,
        String location) implements ConcernsOrder, ConcernsAccession, ConcernsStudy {
}
