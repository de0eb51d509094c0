package org.rispacs.app.workflow;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings the workflow's process managers read.
 *
 * @param reportDestinations   names of the receivers of signed reports (their connections: HL7 edge)
 * @param reportDelivery       retry policy of report deliveries
 * @param stationsWithoutMpps  AE titles of modalities that never send MPPS: their procedures
 *                             complete when the study is committed
 */
@ConfigurationProperties("ris.workflow")
public record WorkflowProperties(
        @DefaultValue List<String> reportDestinations,
        @DefaultValue Retry reportDelivery,
        @DefaultValue List<String> stationsWithoutMpps) {

    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("30s") Duration initialDelay,
            @DefaultValue("2") double multiplier,
            @DefaultValue("1h") Duration maxDelay) {
    }
}
