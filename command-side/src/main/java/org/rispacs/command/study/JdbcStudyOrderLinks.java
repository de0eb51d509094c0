package org.rispacs.command.study;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set validation for reports: the study-to-order links, kept in a table of the command side by a
 * subscribing processor, i.e. in the very transaction that stores the linking event. It is not a
 * read model: nothing outside the command side reads it.
 */
@Component
@ProcessingGroup(JdbcStudyOrderLinks.PROCESSING_GROUP)
class JdbcStudyOrderLinks implements StudyOrderLinks {

    static final String PROCESSING_GROUP = "study-order-links";

    private final JdbcTemplate jdbc;

    JdbcStudyOrderLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StudyMatchedToOrderEvent event) {
        link(event.studyInstanceUid(), event.orderId());
    }

    @EventHandler
    void on(StudyReconciledEvent event) {
        if (event.orderId() != null) {
            link(event.studyInstanceUid(), event.orderId());
        }
    }

    /** A report can no longer be written for the order on a study that was replaced on it. */
    @EventHandler
    void on(StudyDetachedFromOrderEvent event) {
        jdbc.update("DELETE FROM study_order_link WHERE study_instance_uid = ? AND order_id = ?",
                event.studyInstanceUid(), event.orderId());
    }

    private void link(String studyInstanceUid, String orderId) {
        jdbc.update("INSERT INTO study_order_link (study_instance_uid, order_id) VALUES (?, ?)"
                + " ON CONFLICT (study_instance_uid) DO UPDATE SET order_id = EXCLUDED.order_id",
                studyInstanceUid, orderId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM study_order_link");
    }

    @Override
    public boolean linked(String studyInstanceUid, String orderId) {
        return !jdbc.queryForList("SELECT 1 FROM study_order_link WHERE study_instance_uid = ? AND order_id = ?",
                Integer.class, studyInstanceUid, orderId).isEmpty();
    }
}
