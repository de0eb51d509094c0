package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.web.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query/Retrieve MOVE SCP (PS3.4 C.4.2), Patient Root and Study Root: sends the instances a
 * C-MOVE names to a configured destination AE on an association of its own, each in the transfer
 * syntax it was stored in (an uncompressed one may fall back to explicit or implicit VR little
 * endian, see {@link RetrieveSyntax}) and with the current patient identity (IHE PIR, the files
 * unchanged), and answers with the sub-operation counts and the SOP Instance UIDs that failed. An
 * unknown destination, or one that is this archive itself, is refused (0xA801) with nothing sent.
 */
public final class QueryMoveService implements DimseService {

    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";

    private static final Logger log = LoggerFactory.getLogger(QueryMoveService.class);
    private static final int MOVE_DESTINATION_UNKNOWN = 0xA801;

    private final ArchiveRetrieval archive;
    private final String aeTitle;
    private final String implementationClassUid;
    private final AssociationSettings settings;
    private final int maxInstances;
    private final Predicate<InetSocketAddress> ownListener;

    /**
     * @param ownListener whether an address is one of our own listeners: a move there would have
     *                    us store into ourselves while answering, and is refused
     */
    public QueryMoveService(ArchiveRetrieval archive, String aeTitle, String implementationClassUid,
                            AssociationSettings settings, int maxInstances, Predicate<InetSocketAddress> ownListener) {
        this.archive = archive;
        this.aeTitle = aeTitle;
        this.implementationClassUid = implementationClassUid;
        this.settings = settings;
        this.maxInstances = maxInstances;
        this.ownListener = ownListener;
    }

    @Override
    public boolean serves(String sopClassUid) {
        return PATIENT_ROOT_MOVE.equals(sopClassUid) || STUDY_ROOT_MOVE.equals(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return Set.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    @Override
    public boolean respondsMoreThanOnce(DimseRequest request) {
        return request.commandField() == CommandField.C_MOVE_RQ;
    }

    @Override
    public DimseResponse request(DimseRequest request, byte[] dataset, Responder responder) throws IOException {
        if (request.commandField() != CommandField.C_MOVE_RQ) {
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "this SOP class answers C-MOVE only");
        }
        QueryIdentifier.Read read = QueryIdentifier.read(request, dataset,
                PATIENT_ROOT_MOVE.equals(request.affectedSopClassUid()));
        if (read.refusal() != null) {
            return read.refusal();
        }
        TransferSyntax syntax = read.identifier().syntax();
        String destinationAe = request.command().getString(Tags.MoveDestination);
        destinationAe = destinationAe == null ? "" : destinationAe.trim();
        Optional<InetSocketAddress> destination = archive.destination(destinationAe);
        if (destinationAe.equals(aeTitle.trim()) || destination.filter(ownListener).isPresent()) {
            return DimseResponse.failure(MOVE_DESTINATION_UNKNOWN, "move destination " + destinationAe
                    + " is this archive (" + aeTitle + ") itself");
        }
        if (destination.isEmpty()) {
            return DimseResponse.failure(MOVE_DESTINATION_UNKNOWN, "move destination " + destinationAe
                    + " is not a configured peer (ris.dicom.peers)");
        }
        RetrieveSelection selection = RetrieveSelection.of(archive, read.identifier(), maxInstances, "move");
        if (selection.refusal() != null) {
            return selection.refusal();
        }
        archive.retrieving(request.association().callingAeTitle(), destinationAe, selection.patients());
        return send(selection.instances(), destinationAe, destination.get(), responder, syntax);
    }

    private DimseResponse send(List<ArchiveRetrieval.Instance> instances, String destinationAe,
                               InetSocketAddress destination, Responder responder, TransferSyntax syntax)
            throws IOException {
        StoreSuboperations suboperations = new StoreSuboperations(instances, responder, syntax);
        if (instances.isEmpty()) {
            return suboperations.nothingMatched();
        }
        try (DicomClient client = DicomClient.connect(destination, aeTitle, destinationAe, contexts(instances),
                implementationClassUid, settings)) {
            return suboperations.run(destinationAe, new StoreSuboperations.Target() {
                @Override
                public boolean accepts(String sopClass, String transferSyntax) {
                    return client.association().contextFor(sopClass, transferSyntax).isPresent();
                }

                @Override
                public int store(Path file, String sopClass) throws IOException {
                    return client.store(file);
                }
            });
        } catch (IOException unreachable) {
            log.warn("C-MOVE to {} at {} failed: {}", destinationAe, destination, unreachable.getMessage());
            return suboperations.unreachable("cannot send to " + destinationAe + ": " + unreachable.getMessage());
        }
    }

    /** The presentation contexts for the syntaxes the objects are stored in and may fall back to. */
    private static List<PresentationContextProposal> contexts(List<ArchiveRetrieval.Instance> instances)
            throws IOException {
        Map<String, Set<String>> storedSyntaxes = new LinkedHashMap<>();
        for (ArchiveRetrieval.Instance instance : instances) {
            StoredObject object = StoredObject.open(instance.file());
            storedSyntaxes.computeIfAbsent(object.fileMetaInformation().getString(Tags.MediaStorageSOPClassUID),
                    sopClass -> new LinkedHashSet<>()).add(object.transferSyntaxUid());
        }
        return RetrieveSyntax.contexts(storedSyntaxes);
    }
}
