package org.rispacs.fhir.servicerequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.rispacs.api.fhir.FhirServiceRequest;

/** Where a FHIR order's commands go: the command bus, in one transaction, and back from the read model. */
public interface OrderCommands {

    /**
     * Sends the commands one after another with this metadata, in one transaction: all are kept, or
     * none when one is refused (the refusal is thrown). Then waits until the read model shows the
     * order {@code orderId} as {@code shown} accepts it; empty when it lags beyond the wait (the
     * order is stored all the same).
     */
    Optional<FhirServiceRequest> sendAndAwait(List<Object> commands, Map<String, String> metaData, String orderId,
                                              Predicate<FhirServiceRequest> shown);
}
