package org.rispacs.api.worklist;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsPatients;

/**
 * A modality worklist query (C-FIND) was answered: which station asked (its calling AE title),
 * for which modality and scheduled station (null when it asked for any; backslash-separated when
 * it asked for several, {@code MR\US}), how many items it was sent and whose they were. Counted
 * per station and modality in the interface health, and an access to patient data in the audit
 * timeline of those patients.
 */
@Revision("1")
public record WorklistQueryServedEvent(
        String callingAeTitle,
        String modality,
        String scheduledStationAeTitle,
        int matches,
        List<PatientIdentifier> patients) implements ConcernsPatients {

    public WorklistQueryServedEvent {
        patients = patients == null ? List.of() : List.copyOf(patients);
    }
}
