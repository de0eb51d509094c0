package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.StandardDictionary;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.web.CoercedObjectWriter;
import org.rispacs.dicom.web.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query/Retrieve MOVE SCP (PS3.4 C.4.2), Patient Root and Study Root: sends the instances a
 * C-MOVE names to a configured destination AE on an association of its own, each in the transfer
 * syntax it was stored in and with the current patient identity (IHE PIR, the files unchanged),
 * and answers with the sub-operation counts and the SOP Instance UIDs that failed. An unknown
 * destination is refused (0xA801) with nothing sent.
 */
public final class QueryMoveService implements DimseService {

    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";

    private static final Logger log = LoggerFactory.getLogger(QueryMoveService.class);
    private static final String MODIFYING_SYSTEM = "RIS-PACS";
    private static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    private static final int UNABLE_TO_CALCULATE_MATCHES = 0xA701;
    private static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    private static final int UNABLE_TO_PROCESS = 0xC000;
    private static final int COMPLETED_WITH_FAILURES = 0xB000;
    private static final Map<String, String> LEVEL_KEYS = Map.of("PATIENT", "PatientID", "STUDY", "StudyInstanceUID",
            "SERIES", "SeriesInstanceUID", "IMAGE", "SOPInstanceUID");

    private final ArchiveRetrieval archive;
    private final String aeTitle;
    private final String implementationClassUid;
    private final AssociationSettings settings;
    private final int maxInstances;

    public QueryMoveService(ArchiveRetrieval archive, String aeTitle, String implementationClassUid,
                            AssociationSettings settings, int maxInstances) {
        this.archive = archive;
        this.aeTitle = aeTitle;
        this.implementationClassUid = implementationClassUid;
        this.settings = settings;
        this.maxInstances = maxInstances;
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
        Attributes identifier = read.identifier().keys();
        String level = read.identifier().level();
        TransferSyntax syntax = read.identifier().syntax();
        String destinationAe = request.command().getString(Tags.MoveDestination);
        destinationAe = destinationAe == null ? "" : destinationAe.trim();
        Optional<InetSocketAddress> destination = archive.destination(destinationAe);
        if (destination.isEmpty()) {
            return DimseResponse.failure(MOVE_DESTINATION_UNKNOWN, "move destination " + destinationAe
                    + " is not a configured peer (ris.dicom.peers)");
        }
        List<ArchiveRetrieval.Instance> instances;
        try {
            Map<String, String> keys = keys(identifier, level);
            instances = archive.instances(level, keys, maxInstances);
        } catch (IllegalArgumentException refused) {
            return DimseResponse.failure(UNABLE_TO_PROCESS, refused.getMessage());
        }
        if (instances.size() > maxInstances) {
            return DimseResponse.failure(UNABLE_TO_CALCULATE_MATCHES, "more than " + maxInstances
                    + " instances; move fewer at a time");
        }
        archive.retrieving(request.association().callingAeTitle(), destinationAe, instances.stream()
                .map(ArchiveRetrieval.Instance::patient).filter(p -> p != null).distinct().toList());
        return send(instances, destinationAe, destination.get(), responder, syntax);
    }

    /** The identifier's unique keys down to the level (hierarchical retrieve, PS3.4 C.4.2.2.1). */
    private static Map<String, String> keys(Attributes identifier, String level) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String keyword : List.of("PatientID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID")) {
            int tag = StandardDictionary.tagOf(keyword);
            String[] values = identifier.getStrings(tag);
            if (values != null && values.length > 0 && !String.join("", values).isBlank()) {
                keys.put(keyword, String.join("\\", values));
            }
            if (keyword.equals(LEVEL_KEYS.get(level))) {
                break;
            }
        }
        if (!keys.containsKey(LEVEL_KEYS.get(level))) {
            throw new IllegalArgumentException("a " + level + " level retrieve needs " + LEVEL_KEYS.get(level));
        }
        return keys;
    }

    private DimseResponse send(List<ArchiveRetrieval.Instance> instances, String destinationAe,
                               InetSocketAddress destination, Responder responder, TransferSyntax syntax)
            throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        Map<String, PresentationContextProposal> contexts = new LinkedHashMap<>();
        for (ArchiveRetrieval.Instance instance : instances) {
            StoredObject object = StoredObject.open(instance.file());
            objects.add(object);
            String sopClass = object.fileMetaInformation().getString(Tags.MediaStorageSOPClassUID);
            String key = sopClass + "|" + object.transferSyntaxUid();
            if (!contexts.containsKey(key)) {
                contexts.put(key, new PresentationContextProposal(2 * contexts.size() + 1, sopClass,
                        List.of(object.transferSyntaxUid())));
            }
        }
        int completed = 0;
        List<String> failed = new ArrayList<>();
        if (objects.isEmpty()) {
            return finalResponse(0, 0, failed, syntax);
        }
        Path scratch = Files.createTempDirectory("ris-move");
        try (DicomClient client = DicomClient.connect(destination, aeTitle, destinationAe,
                List.copyOf(contexts.values()), implementationClassUid, settings)) {
            for (int i = 0; i < objects.size(); i++) {
                if (responder.cancelled()) {
                    return counts(Status.CANCEL, objects.size() - i, completed, failed, null, syntax);
                }
                ArchiveRetrieval.Instance instance = instances.get(i);
                Path coerced = scratch.resolve(instance.sopInstanceUid() + ".dcm");
                try {
                    try (OutputStream out = Files.newOutputStream(coerced)) {
                        CoercedObjectWriter.write(objects.get(i), instance.identity(), MODIFYING_SYSTEM, out);
                    }
                    int status = client.store(coerced);
                    if (status == Status.SUCCESS || (status & 0xF000) == 0xB000) {
                        completed++;
                    } else {
                        failed.add(instance.sopInstanceUid());
                    }
                } catch (IOException e) {
                    log.warn("C-MOVE to {}: {} not sent: {}", destinationAe, instance.sopInstanceUid(), e.getMessage());
                    failed.add(instance.sopInstanceUid());
                } finally {
                    Files.deleteIfExists(coerced);
                }
            }
        } catch (IOException unreachable) {
            log.warn("C-MOVE to {} at {} failed: {}", destinationAe, destination, unreachable.getMessage());
            List<String> all = instances.stream().map(ArchiveRetrieval.Instance::sopInstanceUid).toList();
            return counts(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, completed, all.subList(completed, all.size()),
                    "cannot send to " + destinationAe + ": " + unreachable.getMessage(), syntax);
        } finally {
            Files.deleteIfExists(scratch);
        }
        return finalResponse(completed, objects.size(), failed, syntax);
    }

    private static DimseResponse finalResponse(int completed, int total, List<String> failed, TransferSyntax syntax) {
        int status = failed.isEmpty() ? Status.SUCCESS : completed == 0 ? UNABLE_TO_PERFORM_SUBOPERATIONS
                : COMPLETED_WITH_FAILURES;
        return counts(status, 0, completed, failed, failed.isEmpty() ? null : failed.size() + " of " + total
                + " instances were not stored by the destination", syntax);
    }

    private static DimseResponse counts(int status, int remaining, int completed, List<String> failed,
                                        String comment, TransferSyntax syntax) {
        Attributes command = new Attributes();
        if (status == Status.CANCEL) {
            command.setInt(Tags.NumberOfRemainingSuboperations, VR.US, remaining);
        }
        command.setInt(Tags.NumberOfCompletedSuboperations, VR.US, completed);
        command.setInt(Tags.NumberOfFailedSuboperations, VR.US, failed.size());
        command.setInt(Tags.NumberOfWarningSuboperations, VR.US, 0);
        byte[] dataset = null;
        if (!failed.isEmpty()) {
            Attributes list = new Attributes();
            list.setString(Tags.FailedSOPInstanceUIDList, VR.UI, failed.toArray(String[]::new));
            dataset = DicomWriter.encode(list, syntax);
        }
        return new DimseResponse(status, comment, dataset, command);
    }
}
