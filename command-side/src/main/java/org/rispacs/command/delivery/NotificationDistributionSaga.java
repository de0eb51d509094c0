package org.rispacs.command.delivery;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.ScheduleNotificationDeliveryCommand;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sends every notification triggered for a FHIR subscription to its endpoint as one tracked
 * delivery, retried and given up like a report's. The delivery id derives from the subscription and
 * the event number, so a repeated trigger event schedules nothing twice; nothing is left to follow
 * after that, so the saga ends at once.
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class NotificationDistributionSaga {

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;

    @StartSaga
    @EndSaga
    @SagaEventHandler(associationProperty = "subscriptionId")
    void on(SubscriptionNotificationTriggeredEvent event) {
        commands.send(new ScheduleNotificationDeliveryCommand(
                DeliveryIds.forNotification(event.subscriptionId(), event.notification().eventNumber()),
                event.notification()));
    }
}
