package org.rispacs.command.order;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Study Instance UIDs in table {@code study_instance_uid_registry}; its primary key makes duplicates impossible. */
@Component
class JdbcStudyInstanceUids implements StudyInstanceUids, StudyInstanceUidLookup {

    private final JdbcTemplate jdbc;

    JdbcStudyInstanceUids(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String studyInstanceUid, String orderId) {
        if (jdbc.update("INSERT INTO study_instance_uid_registry (study_instance_uid, order_id) VALUES (?, ?)"
                + " ON CONFLICT (study_instance_uid) DO NOTHING", studyInstanceUid, orderId) == 1) {
            return true;
        }
        return orderIdFor(studyInstanceUid).filter(orderId::equals).isPresent();
    }

    @Override
    public Optional<String> orderIdFor(String studyInstanceUid) {
        List<String> holder = jdbc.queryForList("SELECT order_id FROM study_instance_uid_registry"
                + " WHERE study_instance_uid = ?", String.class, studyInstanceUid);
        return holder.stream().findFirst();
    }
}
