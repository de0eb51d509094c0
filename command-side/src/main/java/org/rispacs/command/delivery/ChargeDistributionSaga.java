package org.rispacs.command.delivery;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.ScheduleChargeDeliveryCommand;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sends every captured charge to every configured billing destination, one tracked delivery
 * each. Delivery ids derive from charge and destination, so a repeated capture event schedules
 * nothing twice. Nothing is left to follow after that, so the saga ends at once.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ChargeDistributionSaga {

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient BillingDestinations destinations;

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "chargeId")
    void on(ChargeCapturedEvent event) {
        for (String destination : destinations.names()) {
            commands.send(new ScheduleChargeDeliveryCommand(DeliveryIds.forCharge(event.chargeId(), destination),
                    event.chargeId(), event.orderId(), destination));
        }
    }
}
