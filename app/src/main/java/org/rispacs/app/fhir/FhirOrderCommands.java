package org.rispacs.app.fhir;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.app.storage.CommandsInOneTransaction;
import org.rispacs.fhir.servicerequest.OrderCommands;
import org.rispacs.hl7.inbound.ConcurrentChange;
import reactor.core.publisher.Mono;

/**
 * A FHIR order's commands in one database transaction, as an inbound HL7 message's are
 * ({@link CommandsInOneTransaction}): their events and the accession number they claim commit
 * together, or roll back together when one is refused. The read model is watched from before the
 * first command, so that an update arriving right after the commit is not missed. A request that
 * met another's concurrent change (a bounded lock wait included) is run again; after
 * {@value #MAX_ATTEMPTS} such attempts it is answered 409, nothing kept, to be sent again.
 */
class FhirOrderCommands implements OrderCommands {

    static final int MAX_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CommandsInOneTransaction transaction;
    private final Duration readModelWait;

    FhirOrderCommands(CommandGateway commands, QueryGateway queries, CommandsInOneTransaction transaction,
                      Duration readModelWait) {
        this.commands = commands;
        this.queries = queries;
        this.transaction = transaction;
        this.readModelWait = readModelWait;
    }

    @Override
    public Optional<FhirServiceRequest> sendAndAwait(List<Object> sent, Map<String, String> metaData, String orderId,
                                                     Predicate<FhirServiceRequest> shown) {
        try (SubscriptionQueryResult<Optional<FhirServiceRequest>, FhirServiceRequest> view =
                     queries.subscriptionQuery(new FindFhirServiceRequestQuery(orderId),
                             ResponseTypes.optionalInstanceOf(FhirServiceRequest.class),
                             ResponseTypes.instanceOf(FhirServiceRequest.class))) {
            for (int attempt = 1; ; attempt++) {
                try {
                    sendInOneTransaction(sent, metaData, orderId);
                    break;
                } catch (RuntimeException failure) {
                    if (!ConcurrentChange.in(failure)) {
                        throw failure;
                    }
                    if (attempt == MAX_ATTEMPTS) {
                        throw new ResourceVersionConflictException("records this order changes were being changed "
                                + "at the same time " + MAX_ATTEMPTS + " times; nothing was kept, send it again");
                    }
                }
            }
            return Optional.ofNullable(view.updates().filter(shown).next().timeout(readModelWait, Mono.empty())
                    .block());
        }
    }

    private void sendInOneTransaction(List<Object> sent, Map<String, String> metaData, String orderId) {
        transaction.run("FHIR order " + orderId, () -> {
            for (Object command : sent) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            }
            return true;
        }, sentAll -> sentAll);
    }
}
