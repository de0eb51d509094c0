package org.rispacs.dicom.service.storage;

import java.io.IOException;
import java.util.Set;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.InstanceMismatchException;
import org.rispacs.dicom.archive.SopClassMismatchException;
import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DatasetReceiver;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.ul.association.Association;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage SOP Class SCP (PS3.4 Annex B) for every storage SOP class: streams each object's data
 * set into the archive unchanged, in the transfer syntax it was sent in, and answers success only
 * once the file is durable. A repeated SOP Instance UID is answered with success and stored once.
 */
public final class StorageService implements DimseService {

    private static final Logger log = LoggerFactory.getLogger(StorageService.class);

    /** The standard's storage SOP classes live under this root (PS3.4 B.5 and its siblings). */
    private static final String STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";
    private static final Set<String> OTHER_STORAGE_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.34.7", "1.2.840.10008.5.1.4.34.10", "1.2.840.10008.5.1.4.38.1",
            "1.2.840.10008.5.1.4.39.1", "1.2.840.10008.5.1.4.43.1", "1.2.840.10008.5.1.4.44.1",
            "1.2.840.10008.5.1.4.45.1");

    private final Archive archive;
    private final StorageListener listener;
    private final Set<String> transferSyntaxes;

    public StorageService(Archive archive, StorageListener listener) {
        this.archive = archive;
        this.listener = listener;
        this.transferSyntaxes = TransferSyntax.all().stream().map(TransferSyntax::uid)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean serves(String sopClassUid) {
        return isStorageClass(sopClassUid);
    }

    /** Whether the SOP class is one of the standard's storage SOP classes, which this archive keeps. */
    public static boolean isStorageClass(String sopClassUid) {
        return sopClassUid.startsWith(STORAGE_ROOT) || OTHER_STORAGE_CLASSES.contains(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return transferSyntaxes;
    }

    @Override
    public void associationEnded(Association association) {
        listener.associationEnded(association);
    }

    @Override
    public DatasetReceiver requestWithDataset(DimseRequest request) {
        if (request.commandField() != CommandField.C_STORE_RQ) {
            return DimseService.super.requestWithDataset(request);
        }
        Archive.Incoming incoming;
        try {
            incoming = archive.begin(request.affectedSopClassUid(), request.affectedSopInstanceUid(),
                    request.context().transferSyntax(), request.association().callingAeTitle());
        } catch (IOException e) {
            return refusing(e instanceof InstanceMismatchException ? Status.CANNOT_UNDERSTAND : Status.OUT_OF_RESOURCES,
                    e.getMessage());
        }
        return new DatasetReceiver() {
            private IOException failure;

            @Override
            public void data(byte[] buffer, int offset, int length) {
                if (failure != null) {
                    return;
                }
                try {
                    incoming.write(buffer, offset, length);
                } catch (IOException e) {
                    failure = e;
                    incoming.abandon();
                }
            }

            @Override
            public DimseResponse complete() {
                if (failure != null) {
                    log.error("Storing {} failed: {}", request.affectedSopInstanceUid(), failure.getMessage());
                    return DimseResponse.failure(Status.OUT_OF_RESOURCES, "cannot write: " + failure.getMessage());
                }
                try {
                    StoredInstance stored = incoming.commit();
                    listener.stored(request.association(), stored);
                    return DimseResponse.success();
                } catch (SopClassMismatchException e) {
                    return refused(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, e.getMessage());
                } catch (InstanceMismatchException e) {
                    return refused(Status.CANNOT_UNDERSTAND, e.getMessage());
                } catch (DicomFormatException e) {
                    // not a resource problem: an A7xx status would make the modality send it again and again
                    return refused(Status.CANNOT_UNDERSTAND, "cannot parse the data set: " + e.getMessage());
                } catch (IOException e) {
                    log.error("Storing {} failed: {}", request.affectedSopInstanceUid(), e.getMessage());
                    incoming.abandon();
                    return DimseResponse.failure(Status.OUT_OF_RESOURCES, "cannot store: " + e.getMessage());
                } catch (RuntimeException e) {
                    log.error("Storing {} failed", request.affectedSopInstanceUid(), e);
                    incoming.abandon();
                    return DimseResponse.failure(Status.CANNOT_UNDERSTAND, "cannot parse: " + e.getMessage());
                }
            }

            private DimseResponse refused(int status, String reason) {
                log.warn("Association {}: refused {} from {} (0x{}): {}", request.association().id(),
                        request.affectedSopInstanceUid(), request.association().callingAeTitle(),
                        Integer.toHexString(status), reason);
                return DimseResponse.failure(status, reason);
            }

            @Override
            public void abandon() {
                incoming.abandon();
            }
        };
    }

    private static DatasetReceiver refusing(int status, String comment) {
        return new DatasetReceiver() {
            @Override
            public void data(byte[] buffer, int offset, int length) {
                // discarded
            }

            @Override
            public DimseResponse complete() {
                return DimseResponse.failure(status, comment);
            }

            @Override
            public void abandon() {
                // nothing kept
            }
        };
    }
}
