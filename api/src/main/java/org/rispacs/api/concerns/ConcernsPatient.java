package org.rispacs.api.concerns;

import java.util.List;
import org.rispacs.api.common.PatientIdentifier;

/** An event about one patient, named by its {@code patient} component. */
public interface ConcernsPatient extends ConcernsPatients {

    /** The patient, or null when the event names none (a study reconciled without one, say). */
    PatientIdentifier patient();

    @Override
    default List<PatientIdentifier> patients() {
        return ConcernsPatients.present(patient());
    }
}
