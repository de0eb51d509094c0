package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.service.storage.StorageService;

/**
 * Query/Retrieve GET SCP (PS3.4 C.4.3), Patient Root and Study Root: sends the instances a C-GET
 * names back to the requestor on its own association, each in the transfer syntax it was stored
 * in and with the current patient identity (IHE PIR), in the storage contexts for which the
 * requestor took the SCP role; answers with pending sub-operation counts and, at the end, the
 * SOP Instance UIDs that failed. Levels, keys and refusals are those of C-MOVE.
 */
public final class QueryGetService implements DimseService {

    public static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";


    private final ArchiveRetrieval archive;
    private final int maxInstances;
    private final Duration storeResponseTimeout;

    public QueryGetService(ArchiveRetrieval archive, int maxInstances, Duration storeResponseTimeout) {
        this.archive = archive;
        this.maxInstances = maxInstances;
        this.storeResponseTimeout = storeResponseTimeout;
    }

    @Override
    public boolean serves(String sopClassUid) {
        return PATIENT_ROOT_GET.equals(sopClassUid) || STUDY_ROOT_GET.equals(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return Set.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    /** The storage SOP classes we keep are the ones we can send back, so the requestor may be their SCP. */
    @Override
    public boolean sendsAsScu(String sopClassUid) {
        return StorageService.isStorageClass(sopClassUid);
    }

    @Override
    public boolean respondsMoreThanOnce(DimseRequest request) {
        return request.commandField() == CommandField.C_GET_RQ;
    }

    @Override
    public DimseResponse request(DimseRequest request, byte[] dataset, Responder responder) throws IOException {
        if (request.commandField() != CommandField.C_GET_RQ) {
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "this SOP class answers C-GET only");
        }
        QueryIdentifier.Read read = QueryIdentifier.read(request, dataset,
                PATIENT_ROOT_GET.equals(request.affectedSopClassUid()));
        if (read.refusal() != null) {
            return read.refusal();
        }
        RetrieveSelection selection = RetrieveSelection.of(archive, read.identifier(), maxInstances, "get");
        if (selection.refusal() != null) {
            return selection.refusal();
        }
        String requestor = request.association().callingAeTitle();
        archive.getting(requestor, selection.patients());
        return new StoreSuboperations(selection.instances(), responder, read.identifier().syntax())
                .run(requestor, new RequestorStorage(request, storeResponseTimeout));
    }
}
