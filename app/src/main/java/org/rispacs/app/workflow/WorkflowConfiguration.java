package org.rispacs.app.workflow;

import java.util.List;
import java.util.Set;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.command.billing.ModalityStations;
import org.rispacs.app.hl7.Hl7Properties;
import org.rispacs.command.delivery.BillingDestinations;
import org.rispacs.command.delivery.DeliveryRetryPolicy;
import org.rispacs.command.delivery.ReportDestinations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

    @Bean
    DeliveryRetryPolicy deliveryRetryPolicy(WorkflowProperties properties) {
        WorkflowProperties.Retry retry = properties.reportDelivery();
        return new DeliveryRetryPolicy(retry.maxAttempts(), retry.initialDelay(), retry.multiplier(),
                retry.maxDelay());
    }

    /** The EHRs of {@code ris.workflow.report-destinations}, each with its {@code send-preliminary} choice. */
    @Bean
    ReportDestinations reportDestinations(WorkflowProperties properties, Hl7Properties hl7) {
        List<String> names = List.copyOf(properties.reportDestinations());
        return new ReportDestinations() {
            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public boolean sendsPreliminary(String destination) {
                return hl7.sendsPreliminary(destination);
            }
        };
    }

    /** The billing system that receives captured charges ({@code ris.hl7.billing-destination}); empty: none. */
    @Bean
    BillingDestinations billingDestinations(Hl7Properties hl7) {
        List<String> names = hl7.billingDestination().isBlank() ? List.of() : List.of(hl7.billingDestination());
        return () -> names;
    }

    @Bean
    ModalityStations modalityStations(WorkflowProperties properties) {
        Set<String> withoutMpps = Set.copyOf(properties.stationsWithoutMpps());
        return station -> !withoutMpps.contains(station);
    }

    /** Correlation and causation ids: which message led to which. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /** Who did it and through which channel: copied from each command to every event it causes. */
    @Bean
    CorrelationDataProvider auditTrail() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.CHANNEL, AuditMetadata.SOURCE);
    }
}
