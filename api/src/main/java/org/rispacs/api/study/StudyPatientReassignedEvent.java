package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsPatients;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record StudyPatientReassignedEvent(
        String studyInstanceUid,
        PatientIdentifier previous,
        PatientIdentifier patient) implements ConcernsStudy, ConcernsPatients {

    /** The new owner and the previous one: the move shows on both patients' timelines. */
    @Override
    public List<PatientIdentifier> patients() {
        return ConcernsPatients.present(patient, previous);
    }
}
