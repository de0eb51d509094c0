package org.rispacs.dicom.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.storage.StorageListener;
import org.rispacs.dicom.ul.association.Association;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the storage SCP archived into {@code RecordInstancesReceived} commands: one per
 * series per association, sent when the association ends, with the attributes as the modality
 * sent them and the association as the audit source.
 */
public final class InstancesReceivedBridge implements StorageListener {

    private static final Logger log = LoggerFactory.getLogger(InstancesReceivedBridge.class);

    private final CommandGateway commands;
    private final Map<String, Map<String, SeriesBatch>> batches = new ConcurrentHashMap<>();

    private record SeriesBatch(String studyInstanceUid, Attributes firstHeader, List<ReceivedInstance> instances) {
    }

    public InstancesReceivedBridge(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void stored(Association association, StoredInstance instance) {
        if (instance.duplicate()) {
            return;
        }
        Attributes header = instance.header();
        String series = header.getString(Tags.SeriesInstanceUID);
        batches.computeIfAbsent(association.id(), id -> new LinkedHashMap<>())
                .computeIfAbsent(series, uid -> new SeriesBatch(header.getString(Tags.StudyInstanceUID), header,
                        new ArrayList<>()))
                .instances().add(new ReceivedInstance(instance.sopInstanceUid(), instance.sopClassUid(),
                        instance.transferSyntaxUid(), instance.size(), instance.sha256()));
    }

    @Override
    public void associationEnded(Association association) {
        Map<String, SeriesBatch> series = batches.remove(association.id());
        if (series == null) {
            return;
        }
        Map<String, String> audit = Map.of(
                AuditMetadata.ACTOR, "dicom:" + association.callingAeTitle(),
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "association " + association.id() + " from " + association.callingAeTitle()
                        + "@" + association.remote() + " to " + association.calledAeTitle());
        series.forEach((seriesUid, batch) -> {
            Attributes header = batch.firstHeader();
            RecordInstancesReceivedCommand command = new RecordInstancesReceivedCommand(batch.studyInstanceUid(),
                    seriesUid, association.id(), association.callingAeTitle(),
                    new ReceivedStudyAttributes(header.getString(Tags.PatientID),
                            header.getString(Tags.IssuerOfPatientID), header.getString(Tags.PatientName),
                            header.getString(Tags.AccessionNumber), header.getString(Tags.Modality),
                            header.getString(Tags.StudyDescription)),
                    List.copyOf(batch.instances()));
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
            } catch (RuntimeException e) {
                log.error("Recording {} instances of series {} from association {} failed; the files are archived",
                        batch.instances().size(), seriesUid, association.id(), e);
            }
        });
    }
}
