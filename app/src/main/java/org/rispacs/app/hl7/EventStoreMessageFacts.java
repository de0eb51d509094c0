package org.rispacs.app.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.hl7.outbound.ChargeDetails;
import org.rispacs.hl7.outbound.MessageFacts;
import org.rispacs.hl7.outbound.Provider;
import org.rispacs.hl7.outbound.ReportResult;

/**
 * The facts outbound messages carry, read from the event streams of the report, the charge, the
 * order and the patient: always what is recorded, also on replay, with no copy to keep in step.
 * Which attempt of a delivery is due is the delivery's own answer ({@code FindDueDeliveryAttempt}).
 */
class EventStoreMessageFacts implements MessageFacts {

    private final EventStore events;
    private final ZoneId siteZone;

    /**
     * @param siteZone the zone of the site's local times (a modality's MPPS start is one), to place them
     *                 on the time line as OBR-7 does
     */
    EventStoreMessageFacts(EventStore events, ZoneId siteZone) {
        this.events = events;
        this.siteZone = siteZone;
    }

    @Override
    public ReportResult reportResult(DueDeliveryAttempt delivery) {
        boolean preliminary = delivery.resultStatus() == ResultStatus.PRELIMINARY;
        Version signed = preliminary ? preliminaryVersion(delivery.reportId())
                : signedVersion(delivery.reportId(), DeliveryIds.reportVersion(delivery.deliveryId()));
        Order order = order(delivery.orderId());
        return new ReportResult(order.patient, patientName(order.patient), order.placerOrderNumber,
                order.placerNamespace(), order.accessionNumber, order.procedure, order.orderingProvider(),
                order.serviceSection(), order.visit(), signed.text(), signed.signer(), signed.signedAt(),
                order.performedAt(siteZone).orElse(signed.signedAt()), delivery.resultStatus());
    }

    @Override
    public ChargeDetails charge(DueDeliveryAttempt delivery) {
        return charge(delivery.chargeId());
    }

    private ChargeDetails charge(String chargeId) {
        for (DomainEventMessage<?> message : messages(chargeId)) {
            if (message.getPayload() instanceof ChargeCapturedEvent captured) {
                Order order = order(captured.orderId());
                return new ChargeDetails(captured.chargeId(), captured.patient(), patientName(captured.patient()),
                        order.placerOrderNumber, order.placerNamespace(), order.accessionNumber, captured.procedure(),
                        captured.modality(), message.getTimestamp(), order.orderingProvider(), order.visit(),
                        order.diagnosis(), order.performedBy());
            }
        }
        throw new IllegalStateException("charge " + chargeId + " not found in the event store");
    }

    /** A report version as signed: its text, who signed it and when. */
    private record Version(List<String> text, Actor signer, Instant signedAt) {
    }

    /** The final text followed by the addenda up to {@code version}, signed by the last of their authors. */
    private Version signedVersion(String reportId, int version) {
        boolean signed = false;
        Instant signedAt = null;
        Actor signer = null;
        List<String> text = new ArrayList<>();
        for (DomainEventMessage<?> message : messages(reportId)) {
            Object event = message.getPayload();
            if (event instanceof ReportSignedEvent e) {
                signed = true;
                signer = e.signer();
                signedAt = message.getTimestamp();
                text.addAll(lines(e.text()));
            } else if (event instanceof ReportAddendedEvent e && e.addendumNumber() <= version) {
                signer = e.author();
                signedAt = message.getTimestamp();
                text.add("");
                text.add("ADDENDUM " + e.addendumNumber() + (e.author() != null ? " (" + e.author().name() + ")" : "")
                        + ":");
                text.addAll(lines(e.text()));
            }
        }
        if (!signed) {
            throw new IllegalStateException("report " + reportId + " is not signed");
        }
        return new Version(text, signer, signedAt);
    }

    /**
     * The text as it stood when the report was signed preliminary (the draft and the revisions
     * before the signature; later revisions belong to the final version).
     */
    private Version preliminaryVersion(String reportId) {
        String text = null;
        for (DomainEventMessage<?> message : messages(reportId)) {
            Object event = message.getPayload();
            if (event instanceof ReportDraftedEvent e) {
                text = e.text();
            } else if (event instanceof ReportRevisedEvent e) {
                text = e.text();
            } else if (event instanceof ReportSignedPreliminaryEvent e) {
                return new Version(lines(text), e.signer(), message.getTimestamp());
            }
        }
        throw new IllegalStateException("report " + reportId + " is not signed preliminary");
    }

    private Order order(String orderId) {
        Order order = new Order();
        for (DomainEventMessage<?> message : messages(orderId)) {
            Object event = message.getPayload();
            if (event instanceof OrderPlacedEvent e) {
                order.patient = e.patient();
                order.placerOrderNumber = e.placerOrderNumber();
                order.procedure = e.procedure();
                order.orderingProviderName = e.orderingProvider();
                order.details = e.details();
                order.orderingProviderId = e.details() != null ? e.details().orderingProviderId() : null;
            } else if (event instanceof OrderUpdatedEvent e) {
                if (e.procedure() != null) {
                    order.procedure = e.procedure();
                }
                if (e.orderingProvider() != null && !e.orderingProvider().equals(order.orderingProviderName)) {
                    // another provider: the id sent with the order was the first one's
                    order.orderingProviderName = e.orderingProvider();
                    order.orderingProviderId = null;
                }
            } else if (event instanceof AccessionAssignedEvent e) {
                order.accessionNumber = e.accessionNumber();
            } else if (event instanceof OrderPatientReassignedEvent e) {
                order.patient = e.patient();
            } else if (event instanceof ProcedureStepStartedEvent e) {
                order.startedAt = e.startedAt();
                order.performingStation = e.stationAeTitle();
            } else if (event instanceof ProcedureStepCompletedEvent) {
                order.completedAt = message.getTimestamp();
            }
        }
        if (order.patient == null) {
            throw new IllegalStateException("order " + orderId + " not found in the event store");
        }
        return order;
    }

    private PersonName patientName(PatientIdentifier patient) {
        PersonName name = null;
        for (Object event : payloads(patient.toString())) {
            if (event instanceof PatientRegisteredEvent e && e.demographics() != null) {
                name = e.demographics().name();
            } else if (event instanceof PatientDemographicsUpdatedEvent e && e.demographics() != null) {
                name = e.demographics().name();
            }
        }
        return name;
    }

    private List<Object> payloads(String aggregateId) {
        return messages(aggregateId).stream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    private List<? extends DomainEventMessage<?>> messages(String aggregateId) {
        return events.readEvents(aggregateId).asStream().toList();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\r\n|\r|\n", -1));
    }

    /** What an order's stream says that outbound messages carry. */
    private static final class Order {
        private PatientIdentifier patient;
        private String placerOrderNumber;
        private String accessionNumber;
        private ProcedureCode procedure;
        private String orderingProviderName;
        private String orderingProviderId;
        private PlacerDetails details;
        private LocalDateTime startedAt;
        private String performingStation;
        private Instant completedAt;

        String placerNamespace() {
            return details != null ? details.placerNamespace() : null;
        }

        String serviceSection() {
            return details != null ? details.serviceSection() : null;
        }

        Visit visit() {
            return details != null ? details.visit() : null;
        }

        ProcedureCode diagnosis() {
            return details != null ? details.diagnosis() : null;
        }

        Provider orderingProvider() {
            return Provider.fromDicomName(orderingProviderId, orderingProviderName);
        }

        /**
         * The station that performed the procedure, as its MPPS named it; no event names the
         * technologist, and the scheduled station is no proof of who performed it.
         */
        Provider performedBy() {
            return performingStation == null || performingStation.isBlank() ? null
                    : new Provider(performingStation, null);
        }

        /** When the procedure was performed: the step's start (site local time), else its completion. */
        Optional<Instant> performedAt(ZoneId siteZone) {
            if (startedAt != null) {
                return Optional.of(startedAt.atZone(siteZone).toInstant());
            }
            return Optional.ofNullable(completedAt);
        }
    }
}
