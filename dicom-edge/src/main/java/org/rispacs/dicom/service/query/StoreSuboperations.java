package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.web.CoercedObjectWriter;
import org.rispacs.dicom.web.IdentityCoercion;
import org.rispacs.dicom.web.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C-STORE sub-operations of one C-MOVE or C-GET (PS3.4 C.4.2.3, C.4.3.3): each instance goes
 * to the target with the current identity (IHE PIR; the stored file itself when it already carries
 * it), in its stored transfer syntax or the fallback {@link RetrieveSyntax} chooses; after each one but the
 * last a pending response (0xFF00) tells the requestor the remaining, completed, failed and
 * warning counts; a cancel (or the requestor gone) stops before the next instance. The final
 * response carries the counts and the Failed SOP Instance UID List.
 */
final class StoreSuboperations {

    static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    static final int COMPLETED_WITH_FAILURES = 0xB000;
    private static final Logger log = LoggerFactory.getLogger(StoreSuboperations.class);
    private static final String MODIFYING_SYSTEM = "RIS-PACS";

    /** Where the sub-operations store: a destination's association (C-MOVE) or the requestor's own (C-GET). */
    interface Target {
        /** Whether it takes objects of the SOP class in the transfer syntax (an accepted presentation context). */
        boolean accepts(String sopClass, String transferSyntax);

        /** Stores one object, a Part 10 file in a syntax it accepts, and answers the C-STORE response status. */
        int store(Path file, String sopClass) throws IOException;
    }

    private final List<ArchiveRetrieval.Instance> instances;
    private final Responder responder;
    private final TransferSyntax syntax;
    private int completed;
    private int warnings;
    private final List<String> failed = new ArrayList<>();

    StoreSuboperations(List<ArchiveRetrieval.Instance> instances, Responder responder, TransferSyntax syntax) {
        this.instances = List.copyOf(instances);
        this.responder = responder;
        this.syntax = syntax;
    }

    /** Runs every sub-operation on the target and answers the final response. */
    DimseResponse run(String targetName, Target target) throws IOException {
        Path scratch = Files.createTempDirectory("ris-retrieve");
        try {
            for (int i = 0; i < instances.size(); i++) {
                if (responder.cancelled()) {
                    return counts(Status.CANCEL, instances.size() - i, null);
                }
                store(targetName, target, instances.get(i), scratch);
                if (i < instances.size() - 1) {
                    responder.pending(counts(Status.PENDING, instances.size() - i - 1, null));
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        return finalResponse();
    }

    private void store(String targetName, Target target, ArchiveRetrieval.Instance instance, Path scratch)
            throws IOException {
        Path coerced = scratch.resolve(instance.sopInstanceUid() + ".dcm");
        Path reencoded = scratch.resolve(instance.sopInstanceUid() + ".reencoded.dcm");
        try {
            StoredObject original = StoredObject.open(instance.file());
            String sopClass = original.fileMetaInformation().getString(Tags.MediaStorageSOPClassUID);
            String stored = original.transferSyntaxUid();
            String chosen = RetrieveSyntax.choose(stored, syntax -> target.accepts(sopClass, syntax))
                    .orElseThrow(() -> new IOException("no accepted presentation context for " + sopClass + " in "
                            + RetrieveSyntax.proposals(stored)));
            Path toSend = instance.file();
            if (!IdentityCoercion.matches(original.header(), instance.identity())) {
                try (OutputStream out = Files.newOutputStream(coerced)) {
                    CoercedObjectWriter.write(original, instance.identity(), MODIFYING_SYSTEM, out);
                }
                toSend = coerced;
            }
            if (!chosen.equals(stored)) {
                RetrieveSyntax.reencode(toSend, reencoded, chosen);
                toSend = reencoded;
            }
            tally(targetName, instance, target.store(toSend, sopClass));
        } catch (IOException e) {
            log.warn("{}: {} not sent: {}", targetName, instance.sopInstanceUid(), e.getMessage());
            failed.add(instance.sopInstanceUid());
        } finally {
            Files.deleteIfExists(coerced);
            Files.deleteIfExists(reencoded);
        }
    }

    private void tally(String targetName, ArchiveRetrieval.Instance instance, int status) {
        if (status == Status.SUCCESS) {
            completed++;
        } else if ((status & 0xF000) == 0xB000) {
            warnings++;
        } else {
            log.warn("{} answered 0x{} to {}", targetName, Integer.toHexString(status), instance.sopInstanceUid());
            failed.add(instance.sopInstanceUid());
        }
    }

    /** The final response of a retrieve that matched nothing: success, no sub-operations. */
    DimseResponse nothingMatched() {
        return finalResponse();
    }

    /** The final response when the target could not be reached at all: every instance failed. */
    DimseResponse unreachable(String reason) {
        List<String> all = instances.stream().map(ArchiveRetrieval.Instance::sopInstanceUid).toList();
        failed.clear();
        failed.addAll(all.subList(completed + warnings, all.size()));
        return counts(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, reason);
    }

    private DimseResponse finalResponse() {
        if (failed.isEmpty() && warnings == 0) {
            return counts(Status.SUCCESS, 0, null);
        }
        int status = completed + warnings == 0 ? UNABLE_TO_PERFORM_SUBOPERATIONS : COMPLETED_WITH_FAILURES;
        return counts(status, 0, failed.size() + " failed and " + warnings + " with warnings of " + instances.size()
                + " instances");
    }

    private DimseResponse counts(int status, int remaining, String comment) {
        Attributes command = new Attributes();
        if (status == Status.PENDING || status == Status.CANCEL) {
            command.setInt(Tags.NumberOfRemainingSuboperations, VR.US, remaining);
        }
        command.setInt(Tags.NumberOfCompletedSuboperations, VR.US, completed);
        command.setInt(Tags.NumberOfFailedSuboperations, VR.US, failed.size());
        command.setInt(Tags.NumberOfWarningSuboperations, VR.US, warnings);
        byte[] dataset = null;
        if (!failed.isEmpty() && status != Status.PENDING) {
            Attributes list = new Attributes();
            list.setString(Tags.FailedSOPInstanceUIDList, VR.UI, failed.toArray(String[]::new));
            dataset = DicomWriter.encode(list, syntax);
        }
        return new DimseResponse(status, comment, dataset, command);
    }
}
