package org.rispacs.command.order;

import java.util.List;
import java.util.Optional;
import org.axonframework.modelling.command.Repository;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.procedurestep.ScheduledStepReference;
import org.rispacs.command.procedurestep.ScheduledProcedureSteps;
import org.springframework.stereotype.Component;

/**
 * Finds the order of a performed step by accession number, else by the Study Instance UID handed
 * to the modality (with the Requested Procedure and Scheduled Procedure Step IDs, where sent,
 * agreeing with the order's schedule), through the registries that the order's own transactions
 * keep. The order itself, loaded in the asking command's unit of work, says whether it still
 * awaits its step. A reference naming only a Scheduled Procedure Step ID matches no order: those
 * IDs are not unique (a placer may supply them) and no registry holds them.
 */
@Component
class RegisteredScheduledSteps implements ScheduledProcedureSteps {

    private final AccessionNumberLookup accessionNumbers;
    private final StudyInstanceUidLookup studyInstanceUids;
    private final Repository<ImagingOrder> orders;

    RegisteredScheduledSteps(AccessionNumberLookup accessionNumbers, StudyInstanceUidLookup studyInstanceUids,
                             Repository<ImagingOrder> orders) {
        this.accessionNumbers = accessionNumbers;
        this.studyInstanceUids = studyInstanceUids;
        this.orders = orders;
    }

    @Override
    public Optional<String> orderAwaiting(List<ScheduledStepReference> references) {
        return references.stream().map(this::orderAwaiting).flatMap(Optional::stream).findFirst();
    }

    private Optional<String> orderAwaiting(ScheduledStepReference reference) {
        Optional<String> byAccession = accessionKey(reference.accessionNumber()).flatMap(accessionNumbers::orderIdFor);
        if (byAccession.isPresent()) {
            return byAccession.filter(orderId -> orders.load(orderId).invoke(ImagingOrder::awaitsItsProcedureStep));
        }
        if (reference.studyInstanceUid() == null || reference.studyInstanceUid().isBlank()) {
            return Optional.empty();
        }
        return studyInstanceUids.orderIdFor(reference.studyInstanceUid().strip())
                .filter(orderId -> orders.load(orderId).invoke(order -> order.awaitsItsProcedureStep()
                        && order.scheduledAs(blankToNull(reference.requestedProcedureId()),
                        blankToNull(reference.scheduledProcedureStepId()))));
    }

    private static Optional<String> accessionKey(String accessionNumber) {
        try {
            return AccessionNumbers.normalise(accessionNumber);
        } catch (IllegalArgumentException notAnAccession) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
