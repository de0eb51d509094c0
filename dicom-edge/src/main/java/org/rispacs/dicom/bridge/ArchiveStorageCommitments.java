package org.rispacs.dicom.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.RequestStorageCommitmentCommand;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.RecordedLocations;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.service.commitment.CommitmentRequest;
import org.rispacs.dicom.service.commitment.CommitmentResult;
import org.rispacs.dicom.service.commitment.StorageCommitments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage commitment against the archive and the workflow: an instance is committed when its file
 * is in the archive, reads back whole, and has the SOP class and the SHA-256 the workflow recorded
 * when it arrived. Per study, the request and its outcome are recorded through the command gateway
 * ({@code RequestStorageCommitment}, {@code RecordStorageCommitment}), before the report goes out.
 */
public final class ArchiveStorageCommitments implements StorageCommitments {

    private static final Logger log = LoggerFactory.getLogger(ArchiveStorageCommitments.class);

    private final CommandGateway commands;
    private final Archive archive;
    private final RecordedInstances recorded;
    private final RecordedLocations locations;
    /** A file stored moments ago is recorded when its association ends: wait that long for it. */
    private final Duration recordingPatience;

    public ArchiveStorageCommitments(CommandGateway commands, Archive archive, RecordedInstances recorded,
                                     RecordedLocations locations, Duration recordingPatience) {
        this.commands = commands;
        this.archive = archive;
        this.recorded = recorded;
        this.locations = locations;
        this.recordingPatience = recordingPatience;
    }

    @Override
    public CommitmentResult commit(CommitmentRequest request) {
        List<CommitmentRequest.Reference> committed = new ArrayList<>();
        List<CommitmentResult.Failure> failed = new ArrayList<>();
        Map<String, List<CommitmentRequest.Reference>> byStudy = new LinkedHashMap<>();
        Map<String, Map<String, ReceivedInstance>> studies = new HashMap<>();
        for (CommitmentRequest.Reference reference : request.references()) {
            Optional<Path> file = archive.find(reference.sopInstanceUid(), locations);
            if (file.isEmpty()) {
                failed.add(new CommitmentResult.Failure(reference, CommitmentResult.NO_SUCH_OBJECT_INSTANCE));
                continue;
            }
            String study = file.get().getParent().getParent().getFileName().toString();
            byStudy.computeIfAbsent(study, uid -> new ArrayList<>()).add(reference);
            int reason = check(reference, file.get(), study, studies);
            if (reason == 0) {
                committed.add(reference);
            } else {
                log.warn("Storage commitment {}: {} not committed (failure reason 0x{})", request.transactionUid(),
                        reference.sopInstanceUid(), Integer.toHexString(reason));
                failed.add(new CommitmentResult.Failure(reference, reason));
            }
        }
        CommitmentResult result = new CommitmentResult(committed, failed);
        byStudy.forEach((study, references) -> record(request, study, references, result, studies));
        return result;
    }

    /** 0 when the instance is committed, else the failure reason. */
    private int check(CommitmentRequest.Reference reference, Path file, String study,
                      Map<String, Map<String, ReceivedInstance>> studies) {
        ReceivedInstance instance = studies.computeIfAbsent(study, recorded::of).get(reference.sopInstanceUid());
        long deadline = System.nanoTime() + recordingPatience.toNanos();
        while (instance == null && archive.isUnrecorded(file) && System.nanoTime() < deadline) {
            sleep();
            studies.put(study, recorded.of(study));
            instance = studies.get(study).get(reference.sopInstanceUid());
        }
        if (instance == null) {
            return CommitmentResult.PROCESSING_FAILURE;
        }
        if (!instance.sopClassUid().equals(reference.sopClassUid())) {
            return CommitmentResult.CLASS_INSTANCE_CONFLICT;
        }
        try {
            if (!Archive.checksum(file).equals(instance.sha256())) {
                log.error("Archived file {} no longer has the SHA-256 recorded at ingest", file);
                return CommitmentResult.PROCESSING_FAILURE;
            }
            // a file stored before the data set was parsed whole on receipt may be cut short: never committed
            Archive.readHeader(file);
        } catch (DicomFormatException unparseable) {
            log.error("Archived file {} does not parse: {}", file, unparseable.getMessage());
            return CommitmentResult.PROCESSING_FAILURE;
        } catch (IOException unreadable) {
            log.error("Archived file {} cannot be read: {}", file, unreadable.getMessage());
            return CommitmentResult.PROCESSING_FAILURE;
        }
        return 0;
    }

    private void record(CommitmentRequest request, String study, List<CommitmentRequest.Reference> references,
                        CommitmentResult result, Map<String, Map<String, ReceivedInstance>> studies) {
        Map<String, ReceivedInstance> known = studies.getOrDefault(study, Map.of());
        if (known.isEmpty()) {
            return;
        }
        List<String> requested = references.stream().map(CommitmentRequest.Reference::sopInstanceUid).toList();
        List<String> ok = result.committed().stream().map(CommitmentRequest.Reference::sopInstanceUid)
                .filter(requested::contains).toList();
        List<String> notOk = result.failed().stream().map(failure -> failure.reference().sopInstanceUid())
                .filter(requested::contains).toList();
        Map<String, String> audit = Map.of(
                AuditMetadata.ACTOR, "dicom:" + request.requesterAeTitle(),
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "storage commitment " + request.transactionUid() + " from "
                        + request.requesterAeTitle());
        send(new RequestStorageCommitmentCommand(study, request.transactionUid(), requested,
                request.requesterAeTitle()), audit);
        send(new RecordStorageCommitmentCommand(study, request.transactionUid(), ok, notOk), audit);
    }

    private void send(Object command, Map<String, String> audit) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
