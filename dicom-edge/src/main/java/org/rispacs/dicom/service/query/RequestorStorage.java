package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.web.StoredObject;

/**
 * The C-STORE sub-operations of a C-GET (PS3.4 C.4.3.3): each object goes to the requestor on its
 * own association, in a presentation context it proposed for the object's SOP class with the SCP
 * role agreed (PS3.7 D.3.3.4). In the transfer syntax the object was stored in, its data set is
 * streamed from the file; an object stored in Implicit or Explicit VR Little Endian whose context
 * was accepted in the other one is re-encoded to it (in memory). Any other object without a
 * context is not sent and counts as failed: nothing is decompressed or compressed.
 */
final class RequestorStorage implements StoreSuboperations.Target {

    private static final Map<String, TransferSyntax> LITTLE_ENDIAN_ALTERNATIVE = Map.of(
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

    private final DimseRequest get;
    private final Duration responseTimeout;

    RequestorStorage(DimseRequest get, Duration responseTimeout) {
        this.get = get;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public int store(StoredObject original, Path coerced) throws IOException {
        String sopClass = original.fileMetaInformation().getString(Tags.MediaStorageSOPClassUID);
        String stored = original.transferSyntaxUid();
        Optional<Association.NegotiatedContext> asStored = context(sopClass, stored);
        TransferSyntax alternative = LITTLE_ENDIAN_ALTERNATIVE.get(stored);
        Optional<Association.NegotiatedContext> reencoded = asStored.isEmpty() && alternative != null
                ? context(sopClass, alternative.uid()) : Optional.empty();
        if (asStored.isEmpty() && reencoded.isEmpty()) {
            throw new IOException("the requestor accepted no presentation context with the SCP role for "
                    + sopClass + " in " + stored);
        }
        try (InputStream in = Files.newInputStream(coerced)) {
            DicomReader reader = new DicomReader(in);
            Attributes meta = reader.readFileMetaInformation();
            Attributes command = Commands.request(CommandField.C_STORE_RQ, 0, sopClass,
                    meta.getString(Tags.MediaStorageSOPInstanceUID), true);
            Attributes response = asStored.isPresent()
                    ? get.peer().send(asStored.get().id(), command, reader.inputStream(), responseTimeout)
                    : get.peer().send(reencoded.get().id(), command,
                            DicomWriter.encode(reader.readDataset(), alternative), responseTimeout);
            Integer status = response.getInt(Tags.Status);
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
