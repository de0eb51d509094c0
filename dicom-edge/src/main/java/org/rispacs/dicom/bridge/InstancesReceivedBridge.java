package org.rispacs.dicom.bridge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedSeriesDetails;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.dicom.archive.Archive;
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
 * sent them and the association as the audit source. Instances stay in the archive journal
 * until their command succeeded; {@link #recover()} records those a crash left behind.
 */
public final class InstancesReceivedBridge implements StorageListener {

    private static final Logger log = LoggerFactory.getLogger(InstancesReceivedBridge.class);

    private final CommandGateway commands;
    private final Archive archive;
    private final Map<String, Map<String, List<StoredInstance>>> batches = new ConcurrentHashMap<>();

    public InstancesReceivedBridge(CommandGateway commands, Archive archive) {
        this.commands = commands;
        this.archive = archive;
    }

    @Override
    public void stored(Association association, StoredInstance instance) {
        if (instance.duplicate()) {
            return;
        }
        batches.computeIfAbsent(association.id(), id -> new LinkedHashMap<>())
                .computeIfAbsent(instance.header().getString(Tags.SeriesInstanceUID), uid -> new ArrayList<>())
                .add(instance);
    }

    @Override
    public void associationEnded(Association association) {
        Map<String, List<StoredInstance>> series = batches.remove(association.id());
        if (series == null) {
            return;
        }
        Map<String, String> audit = Map.of(
                AuditMetadata.ACTOR, "dicom:" + association.callingAeTitle(),
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "association " + association.id() + " from " + association.callingAeTitle()
                        + "@" + association.remote() + " to " + association.calledAeTitle());
        series.forEach((seriesUid, instances) -> record(association.id(), association.callingAeTitle(), seriesUid,
                instances, audit));
    }

    /** Records the instances stored before a crash but never recorded; returns how many. */
    public int recover() throws IOException {
        Map<String, List<StoredInstance>> bySeries = new LinkedHashMap<>();
        for (StoredInstance instance : archive.unrecorded()) {
            bySeries.computeIfAbsent(instance.header().getString(Tags.SeriesInstanceUID), uid -> new ArrayList<>())
                    .add(instance);
        }
        String recovery = "recovery-" + UUID.randomUUID();
        int count = 0;
        for (var series : bySeries.entrySet()) {
            String sender = Archive.sourceAeTitle(series.getValue().get(0).path());
            Map<String, String> audit = Map.of(
                    AuditMetadata.ACTOR, "dicom:" + sender,
                    AuditMetadata.CHANNEL, "dicom",
                    AuditMetadata.SOURCE, "archive recovery " + recovery + ": stored from " + sender
                            + " but not recorded before the application stopped");
            record(recovery, sender, series.getKey(), series.getValue(), audit);
            count += series.getValue().size();
        }
        if (count > 0) {
            log.warn("Recorded {} archived instances whose recording a stop had interrupted", count);
        }
        return count;
    }

    /**
     * Records instances stored outside an association (STOW-RS): one command per series, as an
     * association's end would; returns whether every series was recorded (the others stay in the
     * archive journal for the next start).
     */
    public boolean recordStored(String batchId, String sender, Collection<StoredInstance> instances,
                                Map<String, String> audit) {
        Map<String, List<StoredInstance>> bySeries = new LinkedHashMap<>();
        for (StoredInstance instance : instances) {
            if (!instance.duplicate()) {
                bySeries.computeIfAbsent(instance.header().getString(Tags.SeriesInstanceUID), uid -> new ArrayList<>())
                        .add(instance);
            }
        }
        boolean all = true;
        for (var series : bySeries.entrySet()) {
            all &= record(batchId, sender, series.getKey(), series.getValue(), audit);
        }
        return all;
    }

    private boolean record(String associationId, String callingAeTitle, String seriesUid,
                        List<StoredInstance> instances, Map<String, String> audit) {
        Attributes header = instances.get(0).header();
        RecordInstancesReceivedCommand command = new RecordInstancesReceivedCommand(
                header.getString(Tags.StudyInstanceUID), seriesUid, associationId, callingAeTitle,
                new ReceivedStudyAttributes(header.getString(Tags.PatientID),
                        header.getString(Tags.IssuerOfPatientID), header.getString(Tags.PatientName),
                        header.getString(Tags.AccessionNumber), header.getString(Tags.Modality),
                        header.getString(Tags.StudyDescription)),
                instances.stream().map(InstancesReceivedBridge::received).toList(),
                new ReceivedStudyDetails(header.getString(Tags.StudyDate), header.getString(Tags.StudyTime),
                        header.getString(Tags.StudyID), header.getString(Tags.ReferringPhysicianName),
                        header.getString(Tags.PatientBirthDate), header.getString(Tags.PatientSex)),
                new ReceivedSeriesDetails(integer(header, Tags.SeriesNumber),
                        header.getString(Tags.SeriesDescription), header.getString(Tags.SeriesDate),
                        header.getString(Tags.SeriesTime), header.getString(Tags.BodyPartExamined)));
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
            archive.markRecorded(instances);
            return true;
        } catch (RuntimeException e) {
            log.error("Recording {} instances of series {} from {} failed; they stay marked for the next start",
                    instances.size(), seriesUid, associationId, e);
            return false;
        }
    }

    private static ReceivedInstance received(StoredInstance instance) {
        Attributes header = instance.header();
        return new ReceivedInstance(instance.sopInstanceUid(), instance.sopClassUid(), instance.transferSyntaxUid(),
                instance.size(), instance.sha256(), integer(header, Tags.InstanceNumber), integer(header, Tags.Rows),
                integer(header, Tags.Columns), integer(header, Tags.NumberOfFrames));
    }

    /** A number the sender wrote badly (an IS that is no integer) is recorded as absent: the object is kept. */
    private static Integer integer(Attributes header, int tag) {
        try {
            return header.getInt(tag);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
