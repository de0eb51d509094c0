package org.rispacs.query.worklist;

import java.time.LocalDateTime;

/**
 * When and where a worklist item's step is scheduled. The start is written as {@link LocalDateTime#toString()}
 * writes it (no seconds when they are zero), as the documents always held it.
 */
record WorklistSchedule(String scheduledStart, String scheduledStationAeTitle, String scheduledStationName,
                        String scheduledLocation) {

    static WorklistSchedule of(LocalDateTime start, String stationAeTitle, String stationName, String location) {
        return new WorklistSchedule(start.toString(), stationAeTitle, stationName, location);
    }
}
