package org.rispacs.app.hl7;

import java.time.Instant;
import java.util.List;
import org.rispacs.hl7.inbound.MessageKey;
import org.rispacs.hl7.inbound.ReusedControlIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Refusals of reused control ids in table {@code hl7_inbound_reused_control_id}, counted per sender for alerts. */
@Component
public class JdbcReusedControlIds implements ReusedControlIds {

    private final JdbcTemplate jdbc;

    JdbcReusedControlIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reused(MessageKey key) {
        jdbc.update("INSERT INTO hl7_inbound_reused_control_id (sending_application, sending_facility, control_id)"
                + " VALUES (?, ?, ?)", key.sendingApplication(), key.sendingFacility(), key.controlId());
    }

    /** Refusals since the instant, per sender (MSH-3/MSH-4), most first. */
    public List<SenderCount> since(Instant from) {
        return jdbc.query("SELECT sending_application, sending_facility, count(*) AS refused"
                        + " FROM hl7_inbound_reused_control_id WHERE refused_at >= ?"
                        + " GROUP BY sending_application, sending_facility ORDER BY refused DESC",
                (row, n) -> new SenderCount(row.getString(1) + "/" + row.getString(2), row.getLong(3)),
                java.sql.Timestamp.from(from));
    }

    public record SenderCount(String sender, long refused) {
    }
}
