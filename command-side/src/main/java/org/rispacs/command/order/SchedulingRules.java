package org.rispacs.command.order;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a schedule must respect: a step is not moved into the past (beyond a tolerance for
 * recording late what already happened), nor into a room whose modality is another.
 */
public interface SchedulingRules {

    /** Now, in the local time that scheduled starts are written in. */
    LocalDateTime now();

    /** How far in the past a moved step may still start. */
    Duration pastTolerance();

    /** The modality the station performs (AE titles compared ignoring case), when configured; others take any. */
    Optional<String> modalityOf(String stationAeTitle);

    static SchedulingRules of(Clock clock, Duration pastTolerance, Map<String, String> modalityByStation) {
        Map<String, String> modalities = new HashMap<>();
        modalityByStation.forEach((station, modality) -> modalities.put(station.strip().toUpperCase(Locale.ROOT),
                modality.strip().toUpperCase(Locale.ROOT)));
        return new SchedulingRules() {
            @Override
            public LocalDateTime now() {
                return LocalDateTime.now(clock);
            }

            @Override
            public Duration pastTolerance() {
                return pastTolerance;
            }

            @Override
            public Optional<String> modalityOf(String stationAeTitle) {
                return stationAeTitle == null ? Optional.empty()
                        : Optional.ofNullable(modalities.get(stationAeTitle.strip().toUpperCase(Locale.ROOT)));
            }
        };
    }
}
