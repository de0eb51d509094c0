package org.rispacs.api.audit;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsAccession;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatients;
import org.rispacs.api.concerns.ConcernsReport;
import org.rispacs.api.concerns.ConcernsStudy;

/**
 * Someone was shown patient data: which view, whose data (the patients of a list, or the one of
 * an order, study or report). Who, when and from where travel in the metadata, as for every event.
 */
@Revision("1")
public record PatientDataViewedEvent(
        String view,
        List<PatientIdentifier> patients,
        String orderId,
        String accessionNumber,
        String studyInstanceUid,
        String reportId) implements ConcernsPatients, ConcernsOrder, ConcernsAccession, ConcernsStudy, ConcernsReport {

    public PatientDataViewedEvent {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }
}
