package org.rispacs.command.order;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Requested Procedure and Scheduled Procedure Step ids from a database sequence (unique across
 * instances, short enough for DICOM SH), and Study Instance UIDs under the UUID-derived root 2.25
 * (PS3.5 B.2), which needs no registered organisation root.
 */
@Component
class JdbcProcedureIdentifiers implements ProcedureIdentifiers {

    private final JdbcTemplate jdbc;

    JdbcProcedureIdentifiers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Scheduled next() {
        long next = jdbc.queryForObject("SELECT nextval('procedure_id_seq')", Long.class);
        return new Scheduled("RP" + next, "SPS" + next, uuidUid(UUID.randomUUID()));
    }

    static String uuidUid(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }
}
