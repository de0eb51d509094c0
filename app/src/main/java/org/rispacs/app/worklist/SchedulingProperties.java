package org.rispacs.app.worklist;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rules of (re)scheduling.
 *
 * @param pastTolerance     how far in the past a step may be moved (recording late what happened)
 * @param stationModalities the modality each station (AE title) performs, e.g.
 *                          {@code ris.scheduling.station-modalities.CT1=CT}; a station not listed takes any
 */
@ConfigurationProperties("ris.scheduling")
public record SchedulingProperties(
        @DefaultValue("15m") Duration pastTolerance,
        @DefaultValue Map<String, String> stationModalities) {
}
