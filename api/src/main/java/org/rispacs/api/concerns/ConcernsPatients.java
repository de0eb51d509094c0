package org.rispacs.api.concerns;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.rispacs.api.common.PatientIdentifier;

/** An event about one or several patients (a merge names both identities, a reassignment both owners). */
public interface ConcernsPatients {

    /** The patients this event concerns, without nulls. */
    List<PatientIdentifier> patients();

    /** The given patients in order, leaving out those absent. */
    static List<PatientIdentifier> present(PatientIdentifier... patients) {
        return Arrays.stream(patients).filter(Objects::nonNull).toList();
    }
}
