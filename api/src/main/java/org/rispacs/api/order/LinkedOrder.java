package org.rispacs.api.order;

import java.util.List;
import org.rispacs.api.common.PatientIdentifier;

/**
 * What an order answers when it accepts a study: its patient (and identities merged into it), the
 * studies the link detached from it, and whether its procedure step still waits to be completed.
 */
public record LinkedOrder(
        PatientIdentifier patient,
        List<PatientIdentifier> formerPatients,
        List<String> detachedStudyUids,
        boolean awaitingCompletion) {
}
