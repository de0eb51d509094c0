package org.rispacs.fhir.subscription;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.fhir.server.FhirCommandRequests;

/**
 * A subscription's command, sent on behalf of the FHIR client (audit metadata of the request), and
 * the subscription as the read model shows it afterwards; the domain's refusals as OperationOutcomes
 * (unknown: 404; not permitted: 403; otherwise 422).
 */
final class SubscriptionCommands {


    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelWait wait;

    SubscriptionCommands(CommandGateway commands, QueryGateway queries, ReadModelWait wait) {
        this.commands = commands;
        this.queries = queries;
        this.wait = wait;
    }

    /** Sends the command; then the subscription once {@code shown} accepts it, empty if the read model lags. */
    Optional<FhirSubscription> sendAndAwait(Object command, HttpServletRequest request, String subscriptionId,
                                            Predicate<FhirSubscription> shown) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(FhirCommandRequests.audit(request)));
        } catch (RuntimeException failure) {
            throw FhirCommandRequests.refusal(failure, SubscriptionCommands::answer);
        }
        return wait.until(() -> find(subscriptionId), shown).filter(shown);
    }

    Optional<FhirSubscription> find(String subscriptionId) {
        return queries.query(new FindFhirSubscriptionQuery(subscriptionId),
                ResponseTypes.optionalInstanceOf(FhirSubscription.class)).join();
    }

    private static Optional<BaseServerResponseException> answer(CommandRefusedException refused) {
        return refused.code() == RefusalCode.UNKNOWN ? Optional.of(new ResourceNotFoundException(refused.getMessage()))
                : Optional.empty();
    }
}
