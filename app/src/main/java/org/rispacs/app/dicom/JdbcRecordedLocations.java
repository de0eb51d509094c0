package org.rispacs.app.dicom;

import java.util.List;
import java.util.Optional;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.dicom.archive.RecordedLocations;
import org.rispacs.dicom.archive.SeriesLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The archive's SOP Instance UID → series lookup, in table {@code dicom_archived_instance}: kept by
 * a subscribing processor, i.e. in the very transaction that stores each {@link InstancesReceivedEvent},
 * so it never holds an instance the workflow did not record nor misses one it did. It is derived
 * only: {@link #rebuildIfNeeded()} fills it from the event store when it never was (an archive older
 * than the table).
 */
@ProcessingGroup(JdbcRecordedLocations.PROCESSING_GROUP)
class JdbcRecordedLocations implements RecordedLocations {

    static final String PROCESSING_GROUP = "archived-instances";

    private static final Logger log = LoggerFactory.getLogger(JdbcRecordedLocations.class);
    private static final String INSERT = "INSERT INTO dicom_archived_instance (sop_instance_uid, study_instance_uid,"
            + " series_instance_uid) VALUES (?, ?, ?) ON CONFLICT (sop_instance_uid) DO NOTHING";

    private final JdbcTemplate jdbc;

    JdbcRecordedLocations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InstancesReceivedEvent event) {
        jdbc.batchUpdate(INSERT, event.instances().stream().map(instance -> new Object[] {
                instance.sopInstanceUid(), event.studyInstanceUid(), event.seriesInstanceUid()}).toList());
    }

    @Override
    public Optional<SeriesLocation> seriesOf(String sopInstanceUid) {
        List<SeriesLocation> found = jdbc.query("SELECT study_instance_uid, series_instance_uid"
                + " FROM dicom_archived_instance WHERE sop_instance_uid = ?",
                (row, n) -> new SeriesLocation(row.getString(1), row.getString(2)), sopInstanceUid);
        return found.stream().findFirst();
    }

    /** Fills the table from every recorded {@link InstancesReceivedEvent} unless that was done; returns how many. */
    int rebuildIfNeeded(EventStore events) {
        Integer rebuilt = jdbc.queryForObject("SELECT count(*) FROM dicom_archived_instance_rebuilt", Integer.class);
        if (rebuilt != null && rebuilt > 0) {
            return 0;
        }
        int count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                if (stream.nextAvailable().getPayload() instanceof InstancesReceivedEvent received) {
                    on(received);
                    count += received.instances().size();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the archived instance locations", e);
        }
        jdbc.update("INSERT INTO dicom_archived_instance_rebuilt DEFAULT VALUES");
        if (count > 0) {
            log.info("Archived instance locations rebuilt from the event store: {} instances", count);
        }
        return count;
    }
}
