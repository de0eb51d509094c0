package org.rispacs.command.procedurestep;

import java.util.List;
import java.util.Optional;
import org.rispacs.api.procedurestep.ScheduledStepReference;

/**
 * Which order awaits the step a modality says it performs, from the command side's own registries
 * (accession numbers, study instance UIDs handed to modalities), never from a read model.
 */
public interface ScheduledProcedureSteps {

    /**
     * The order of the first reference that names one whose step is still to be performed or in
     * progress; empty when none does (an order cancelled, completed or discontinued meanwhile no
     * longer schedules a step).
     */
    Optional<String> orderAwaiting(List<ScheduledStepReference> references);
}
