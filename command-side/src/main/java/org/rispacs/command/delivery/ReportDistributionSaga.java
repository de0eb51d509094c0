package org.rispacs.command.delivery;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.delivery.ScheduleReportDeliveryCommand;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sends every report version to every configured destination, one tracked delivery each: the
 * preliminary signature as a preliminary result (to the destinations that want one), the final
 * signature as the final result, every addendum as a corrected result. Delivery ids derive from
 * report, destination and version, so a repeated event schedules nothing twice; the HL7 edge
 * sends the deliveries of one destination in the order they are scheduled here, so an EHR sees
 * P, F, C in that order.
 *
 * <p>The saga starts with the draft because the preliminary signature does not name the order
 * (the delivery and its audit entry should).
 */
// Axon instantiates sagas reflectively and needs them public.
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ReportDistributionSaga {

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient ReportDestinations destinations;

    private String reportId;
    private String orderId;

    @StartSaga
    @SagaEventHandler(associationProperty = "reportId")
    void on(ReportDraftedEvent event) {
        reportId = event.reportId();
        orderId = event.orderId();
    }

    @SagaEventHandler(associationProperty = "reportId")
    void on(ReportSignedPreliminaryEvent event) {
        for (String destination : destinations.names()) {
            if (destinations.sendsPreliminary(destination)) {
                commands.send(new ScheduleReportDeliveryCommand(
                        DeliveryIds.forPreliminaryReport(reportId, destination), reportId, orderId, destination,
                        ResultStatus.PRELIMINARY));
            }
        }
    }

    @SagaEventHandler(associationProperty = "reportId")
    void on(ReportSignedEvent event) {
        deliver(0, ResultStatus.FINAL);
    }

    @SagaEventHandler(associationProperty = "reportId")
    void on(ReportAddendedEvent event) {
        deliver(event.addendumNumber(), ResultStatus.CORRECTED);
    }

    private void deliver(int version, ResultStatus status) {
        for (String destination : destinations.names()) {
            commands.send(new ScheduleReportDeliveryCommand(deliveryId(reportId, destination, version), reportId,
                    orderId, destination, status));
        }
    }

    static String deliveryId(String reportId, String destination, int version) {
        return DeliveryIds.forReport(reportId, destination, version);
    }
}
