package org.rispacs.app.dicom;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.service.commitment.CommitmentRequest;
import org.rispacs.dicom.service.commitment.CommitmentResult;
import org.rispacs.dicom.service.commitment.PendingCommitments;
import org.springframework.jdbc.core.JdbcTemplate;

/** Pending and given-up storage commitment transactions, in table {@code dicom_storage_commitment}. */
class JdbcPendingCommitments implements PendingCommitments {

    private final JdbcTemplate jdbc;

    JdbcPendingCommitments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(CommitmentRequest request) {
        StringBuilder requested = new StringBuilder();
        request.references().forEach(reference -> requested.append(reference.sopClassUid()).append('|')
                .append(reference.sopInstanceUid()).append('\n'));
        return jdbc.update("INSERT INTO dicom_storage_commitment (transaction_uid, requester_ae_title, our_ae_title,"
                        + " requested, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                request.transactionUid(), request.requesterAeTitle(), request.ourAeTitle(), requested.toString(),
                Timestamp.from(request.receivedAt())) == 1;
    }

    @Override
    public void verified(String transactionUid, CommitmentResult result) {
        StringBuilder outcome = new StringBuilder();
        result.committed().forEach(reference -> outcome.append(reference.sopClassUid()).append('|')
                .append(reference.sopInstanceUid()).append("|\n"));
        result.failed().forEach(failure -> outcome.append(failure.reference().sopClassUid()).append('|')
                .append(failure.reference().sopInstanceUid()).append('|').append(failure.reason()).append('\n'));
        jdbc.update("UPDATE dicom_storage_commitment SET outcome = ? WHERE transaction_uid = ?", outcome.toString(),
                transactionUid);
    }

    @Override
    public void attemptFailed(String transactionUid) {
        jdbc.update("UPDATE dicom_storage_commitment SET failed_attempts = failed_attempts + 1"
                + " WHERE transaction_uid = ?", transactionUid);
    }

    @Override
    public void finished(String transactionUid) {
        jdbc.update("DELETE FROM dicom_storage_commitment WHERE transaction_uid = ?", transactionUid);
    }

    @Override
    public void givenUp(String transactionUid, boolean unaddressed) {
        jdbc.update("UPDATE dicom_storage_commitment SET given_up_at = ?, given_up_unaddressed = ?, parked = TRUE"
                + " WHERE transaction_uid = ?", Timestamp.from(Instant.now()), unaddressed, transactionUid);
    }

    @Override
    public List<Pending> all() {
        return select("NOT parked");
    }

    @Override
    public List<Pending> givenUp() {
        return select("parked");
    }

    @Override
    public boolean resend(String transactionUid) {
        return jdbc.update("UPDATE dicom_storage_commitment SET parked = FALSE, failed_attempts = 0"
                + " WHERE transaction_uid = ? AND parked", transactionUid) == 1;
    }

    private List<Pending> select(String condition) {
        return jdbc.query("SELECT transaction_uid, requester_ae_title, our_ae_title, requested, received_at, outcome,"
                + " failed_attempts, given_up_at IS NOT NULL, given_up_unaddressed FROM dicom_storage_commitment"
                + " WHERE " + condition + " ORDER BY received_at", (row, n) -> new Pending(
                new CommitmentRequest(row.getString(1), row.getString(2), row.getString(3),
                        references(row.getString(4)), row.getTimestamp(5).toInstant()),
                outcome(row.getString(6)), row.getInt(7), row.getBoolean(8), row.getBoolean(9)));
    }

    /** Transactions whose report is still to be delivered (given-up ones kept aside not counted). */
    int count() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM dicom_storage_commitment WHERE NOT parked",
                Integer.class);
        return count == null ? 0 : count;
    }

    private static List<CommitmentRequest.Reference> references(String lines) {
        List<CommitmentRequest.Reference> references = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                String[] parts = line.split("\\|", -1);
                references.add(new CommitmentRequest.Reference(parts[0], parts[1]));
            }
        }
        return references;
    }

    private static CommitmentResult outcome(String lines) {
        if (lines == null) {
            return null;
        }
        List<CommitmentRequest.Reference> committed = new ArrayList<>();
        List<CommitmentResult.Failure> failed = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            CommitmentRequest.Reference reference = new CommitmentRequest.Reference(parts[0], parts[1]);
            if (parts[2].isEmpty()) {
                committed.add(reference);
            } else {
                failed.add(new CommitmentResult.Failure(reference, Integer.parseInt(parts[2])));
            }
        }
        return new CommitmentResult(committed, failed);
    }
}
