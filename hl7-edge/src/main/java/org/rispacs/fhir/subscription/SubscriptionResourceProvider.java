package org.rispacs.fhir.subscription;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.DeleteSubscriptionCommand;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.FhirSubscriptions;
import org.rispacs.api.subscription.SearchFhirSubscriptionsQuery;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.fhir.server.PageRequest;
import org.rispacs.fhir.server.SearchPage;

/**
 * {@code Subscription}, topic-based as the R4 Subscriptions Backport IG has it: create (a new id;
 * {@link SubscriptionIntake} says what is supported and refuses the rest with a 422 that keeps
 * nothing), read, search by {@code status} and {@code url} (the topic's canonical URL), delete (the
 * subscription is then {@code off} and notified no more) and {@code $status}. A created subscription
 * is {@code active} at once: no handshake is sent. Answers come from the subscriptions read model
 * through the query bus.
 */
public class SubscriptionResourceProvider implements IResourceProvider {

    static final String STATUS_SYSTEM = "http://hl7.org/fhir/subscription-status";

    private final SubscriptionIntake intake;
    private final SubscriptionCommands commands;
    private final QueryGateway queries;

    public SubscriptionResourceProvider(CommandGateway commands, QueryGateway queries, ReadModelWait wait,
                                        AllowedEndpoints endpoints) {
        this.intake = new SubscriptionIntake(endpoints);
        this.commands = new SubscriptionCommands(commands, queries, wait);
        this.queries = queries;
    }

    @Override
    public Class<Subscription> getResourceType() {
        return Subscription.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam Subscription resource, HttpServletRequest request) {
        String subscriptionId = UUID.randomUUID().toString();
        CreateSubscriptionCommand command = intake.command(subscriptionId, resource);
        Optional<FhirSubscription> shown = commands.sendAndAwait(command, request, subscriptionId, any -> true);
        MethodOutcome outcome = new MethodOutcome().setCreated(true);
        if (shown.isEmpty()) {
            // kept, but the read model lags: the location without a version, and no body
            return outcome.setId(new IdType("Subscription", subscriptionId));
        }
        return outcome.setId(versioned(shown.get())).setResource(SubscriptionResources.toResource(shown.get()));
    }

    @Read
    public Subscription read(@IdParam IdType id) {
        return SubscriptionResources.toResource(found(id));
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, HttpServletRequest request) {
        found(id);
        commands.sendAndAwait(new DeleteSubscriptionCommand(id.getIdPart()), request, id.getIdPart(),
                subscription -> subscription.status() == FhirSubscriptionStatus.OFF);
        return new MethodOutcome();
    }

    /** The subscription's status now ({@code GET Subscription/<id>/$status}), as the IG's R4 searchset of one. */
    @Operation(name = "$status", idempotent = true, type = Subscription.class)
    public Bundle status(@IdParam IdType id, RequestDetails details) {
        return NotificationBundles.queryStatus(found(id), details.getFhirServerBase());
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = Subscription.SP_STATUS) TokenParam status,
                                  @OptionalParam(name = Subscription.SP_URL) UriParam url,
                                  @Offset Integer offset,
                                  @Count Integer count) {
        PageRequest page = PageRequest.of(offset, count);
        FhirSubscriptionStatus state = null;
        if (status != null) {
            if (status.getModifier() != null || status.getMissing() != null) {
                throw new InvalidRequestException("status: modifiers are not supported");
            }
            if (status.getSystem() != null && !status.getSystem().isBlank()
                    && !status.getSystem().equals(STATUS_SYSTEM)) {
                return SearchPage.empty(page);
            }
            Optional<FhirSubscriptionStatus> known = state(status.getValue());
            if (known.isEmpty()) {
                return SearchPage.empty(page);
            }
            state = known.get();
        }
        SubscriptionTopic topic = null;
        if (url != null) {
            Optional<SubscriptionTopic> known = SubscriptionTopics.of(url.getValue());
            if (known.isEmpty()) {
                return SearchPage.empty(page);
            }
            topic = known.get();
        }
        FhirSubscriptions found = queries.query(new SearchFhirSubscriptionsQuery(state, topic, page.offset(),
                page.count()), ResponseTypes.instanceOf(FhirSubscriptions.class)).join();
        return SearchPage.of(found.subscriptions().stream().map(SubscriptionResources::toResource).toList(), page,
                found.total());
    }

    /** A status code as ours; {@code requested} (never ours: no handshake) and unknown codes match nothing. */
    private static Optional<FhirSubscriptionStatus> state(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidRequestException("status: a code is needed");
        }
        return switch (code.strip()) {
            case "active" -> Optional.of(FhirSubscriptionStatus.ACTIVE);
            case "error" -> Optional.of(FhirSubscriptionStatus.ERROR);
            case "off" -> Optional.of(FhirSubscriptionStatus.OFF);
            case "requested" -> Optional.empty();
            default -> throw new InvalidRequestException("status: '" + code + "' is no subscription status");
        };
    }

    private FhirSubscription found(IdType id) {
        return commands.find(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    private static IdType versioned(FhirSubscription subscription) {
        return new IdType("Subscription", subscription.subscriptionId(), String.valueOf(subscription.version()));
    }
}
