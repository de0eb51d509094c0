package org.rispacs.fhir.subscription;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;

/**
 * A subscription's command, sent on behalf of the FHIR client (audit metadata of the request), and
 * the subscription as the read model shows it afterwards; the domain's refusals as OperationOutcomes
 * (unknown: 404; not permitted: 403; otherwise 422).
 */
final class SubscriptionCommands {

    static final String CHANNEL = "fhir";

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
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit(request)));
        } catch (RuntimeException failure) {
            throw refusal(failure);
        }
        return wait.until(() -> find(subscriptionId), shown).filter(shown);
    }

    Optional<FhirSubscription> find(String subscriptionId) {
        return queries.query(new FindFhirSubscriptionQuery(subscriptionId),
                ResponseTypes.optionalInstanceOf(FhirSubscription.class)).join();
    }

    private static RuntimeException refusal(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommandRefusedException refused) {
                BaseServerResponseException answer = switch (refused.code()) {
                    case UNKNOWN -> new ResourceNotFoundException(refused.getMessage());
                    case NOT_PERMITTED -> new ForbiddenOperationException(refused.getMessage());
                    default -> new UnprocessableEntityException(refused.code() + ": " + refused.getMessage());
                };
                return answer;
            }
        }
        return failure;
    }

    private static Map<String, String> audit(HttpServletRequest http) {
        String user = http.getRemoteUser();
        return Map.of(
                AuditMetadata.ACTOR, user != null ? user : "anonymous",
                AuditMetadata.CHANNEL, CHANNEL,
                AuditMetadata.SOURCE, http.getMethod() + " " + http.getRequestURI() + " from " + http.getRemoteAddr());
    }
}
