package org.rispacs.app.order;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.HttpAudit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Duration readModelWait;
    private final AccessAudit accessAudit;

    OrderController(CommandGateway commands, QueryGateway queries,
                    @Value("${ris.api.read-model-wait:10s}") Duration readModelWait, AccessAudit accessAudit) {
        this.commands = commands;
        this.queries = queries;
        this.readModelWait = readModelWait;
        this.accessAudit = accessAudit;
    }

    /**
     * Places an order and answers once the read model shows it, so that a client reading right
     * after sees its write. If the read model lags beyond the wait, the order is still stored
     * (its events are committed) and the answer is 202 with the order's location.
     */
    @PostMapping
    ResponseEntity<?> place(@Valid @RequestBody PlaceOrderRequest request, HttpServletRequest http) {
        String orderId = UUID.randomUUID().toString();
        URI location = URI.create("/api/orders/" + orderId);
        try (SubscriptionQueryResult<Optional<OrderView>, OrderView> view = queries.subscriptionQuery(
                new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class))) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PlaceOrderCommand(orderId,
                    new PatientIdentifier(request.patientId(), request.patientIdIssuer()),
                    request.placerOrderNumber(), new ProcedureCode(request.procedureCode(),
                            request.procedureCodingScheme(), request.procedureDescription()),
                    request.modality(), request.priority(), request.reason(), request.orderingProvider(),
                    request.accessionNumber())).andMetaData(HttpAudit.of(http)));
            OrderView placed = view.updates().next().timeout(readModelWait, Mono.empty()).block();
            return placed != null ? ResponseEntity.created(location).body(placed) : accepted(orderId, location);
        }
    }

    private static ResponseEntity<?> accepted(String orderId, URI location) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(location)
                .body(new OrderAccepted(orderId, "stored; not yet visible in the read model"));
    }

    record OrderAccepted(String orderId, String status) {
    }

    @GetMapping("/{orderId}")
    ResponseEntity<OrderView> get(@PathVariable String orderId, HttpServletRequest http) {
        Optional<OrderView> order = queries.query(new FindOrderQuery(orderId),
                ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        order.ifPresent(found -> viewed(found, http));
        return ResponseEntity.of(order);
    }

    @GetMapping(params = "accession")
    List<OrderView> findByAccession(@RequestParam String accession, HttpServletRequest http) {
        Optional<OrderView> order = queries.query(new FindOrderByAccessionQuery(accession),
                ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        order.ifPresent(found -> viewed(found, http));
        return order.map(List::of).orElse(List.of());
    }

    private void viewed(OrderView order, HttpServletRequest http) {
        accessAudit.viewed(http, "api-order",
                AccessAudit.shown(AccessAudit.patient(order.patientId(), order.patientIdIssuer())), order.orderId(),
                order.accessionNumber(), null, null);
    }
}
