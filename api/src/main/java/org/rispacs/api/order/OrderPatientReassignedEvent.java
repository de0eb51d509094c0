package org.rispacs.api.order;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatients;

@Revision("1")
public record OrderPatientReassignedEvent(
        String orderId,
        PatientIdentifier previous,
        PatientIdentifier patient) implements ConcernsOrder, ConcernsPatients {

    /** The new owner and the previous one: the move shows on both patients' timelines. */
    @Override
    public List<PatientIdentifier> patients() {
        return ConcernsPatients.present(patient, previous);
    }
}
