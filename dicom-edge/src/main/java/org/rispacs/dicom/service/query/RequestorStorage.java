package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.ul.association.Association;

/**
 * The C-STORE sub-operations of a C-GET (PS3.4 C.4.3.3): each object goes to the requestor on its
 * own association, in a presentation context it proposed for the object's SOP class with the SCP
 * role agreed (PS3.7 D.3.3.4). In the transfer syntax the object was stored in, its data set is
 * streamed from the file; an uncompressed object whose context was accepted only in another
 * little endian syntax is re-encoded to it, as for C-MOVE ({@link RetrieveSyntax}). Any other
 * object without a context is not sent and counts as failed: nothing is decompressed or compressed.
 */
final class RequestorStorage implements StoreSuboperations.Target {

    private final DimseRequest get;
    private final Duration responseTimeout;

    RequestorStorage(DimseRequest get, Duration responseTimeout) {
        this.get = get;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public boolean accepts(String sopClass, String transferSyntax) {
        return context(sopClass, transferSyntax).isPresent();
    }

    @Override
    public int store(Path file, String sopClass) throws IOException {
        String transferSyntax;
        try (InputStream in = Files.newInputStream(file)) {
            transferSyntax = new DicomReader(in).readFileMetaInformation().getString(Tags.TransferSyntaxUID);
        }
        return send(context(sopClass, transferSyntax).orElseThrow(() -> new IOException("no presentation context"
                + " with the SCP role for " + sopClass + " in " + transferSyntax)), file);
    }

    /** Streams the file's data set as one C-STORE on the requestor's association; its response status. */
    private int send(Association.NegotiatedContext context, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DicomReader reader = new DicomReader(in);
            Attributes meta = reader.readFileMetaInformation();
            Attributes command = Commands.request(CommandField.C_STORE_RQ, 0, context.abstractSyntax(),
                    meta.getString(Tags.MediaStorageSOPInstanceUID), true);
            Integer status = get.peer().send(context.id(), command, reader.inputStream(), responseTimeout)
                    .getInt(Tags.Status);
            if (status == null) {
                throw new IOException("C-STORE response without a status");
            }
            return status;
        }
    }

    private Optional<Association.NegotiatedContext> context(String sopClass, String transferSyntax) {
        Association association = get.association();
        boolean requestorIsScp = association.acceptance().stream()
                .flatMap(accepted -> accepted.userInformation().roleSelections().stream())
                .anyMatch(role -> role.sopClassUid().equals(sopClass) && role.scp());
        return requestorIsScp ? association.contextFor(sopClass, transferSyntax) : Optional.empty();
    }
}
