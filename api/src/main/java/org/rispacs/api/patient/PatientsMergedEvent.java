package org.rispacs.api.patient;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsPatients;

@Revision("1")
public record PatientsMergedEvent(
        PatientIdentifier merged,
        PatientIdentifier survivor) implements ConcernsPatients {

    /** Both identities: the merge shows on the timeline of the one that went away and of the survivor. */
    @Override
    public List<PatientIdentifier> patients() {
        return ConcernsPatients.present(merged, survivor);
    }
}
