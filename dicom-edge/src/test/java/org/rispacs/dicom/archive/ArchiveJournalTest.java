package org.rispacs.dicom.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/**
 * What a stop leaves in the journal, and what the next start makes of it: only acknowledged
 * (complete) objects come back, in their place in the tree, and only the journal is read.
 */
class ArchiveJournalTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    @TempDir
    Path work;

    @Test
    void aStoredInstanceIsLinkedIntoTheTreeAndStaysInTheJournalUntilRecorded() throws Exception {
        Archive archive = archive();
        StoredInstance stored = store(archive, "1.2.3.4", "1.2.3.4.1", "1.2.3.4.1.1");

        assertThat(stored.path()).isEqualTo(archive.root().resolve("1.2.3.4/1.2.3.4.1/1.2.3.4.1.1.dcm"));
        assertThat(journal(archive)).singleElement().satisfies(entry -> {
            assertThat(Files.isSameFile(entry, stored.path())).isTrue();
            assertThat(entry.getFileName().toString()).contains("." + stored.sha256() + ".dcm");
        });
        assertThat(stored.sha256()).isEqualTo(Archive.checksum(stored.path()));

        archive.markRecorded(List.of(stored));
        assertThat(journal(archive)).isEmpty();
        assertThat(stored.path()).isRegularFile();
        assertThat(archive.unrecorded()).isEmpty();
    }

    @Test
    void theNextStartFindsWhatWasNotRecordedAndRelinksWhatTheTreeLost() throws Exception {
        Archive before = archive();
        StoredInstance kept = store(before, "1.2.3.5", "1.2.3.5.1", "1.2.3.5.1.1");
        StoredInstance unlinked = store(before, "1.2.3.5", "1.2.3.5.1", "1.2.3.5.1.2");
        // a crash after the journal was forced but before the link into the tree was durable
        Files.delete(unlinked.path());

        Archive after = archive();
        List<StoredInstance> found = after.unrecorded();

        assertThat(found).extracting(StoredInstance::sopInstanceUid)
                .containsExactlyInAnyOrder("1.2.3.5.1.1", "1.2.3.5.1.2");
        assertThat(found).allSatisfy(instance -> {
            assertThat(instance.path()).isRegularFile();
            assertThat(instance.header().getString(Tags.PatientID)).isEqualTo("P1");
        });
        assertThat(found).filteredOn(i -> i.sopInstanceUid().equals("1.2.3.5.1.1")).singleElement()
                .satisfies(i -> assertThat(i.sha256()).isEqualTo(kept.sha256()));
        after.markRecorded(found);
        assertThat(journal(after)).isEmpty();
        assertThat(after.unrecorded()).isEmpty();
    }

    @Test
    void anEntryACrashCutShortWasNeverAcknowledgedAndIsDropped() throws Exception {
        Archive before = archive();
        StoredInstance stored = store(before, "1.2.3.6", "1.2.3.6.1", "1.2.3.6.1.1");
        Path entry = journal(before).get(0);
        // the name (with its checksum) became durable, the tail of the data did not
        Files.delete(stored.path());
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        Archive after = archive();

        assertThat(after.unrecorded()).isEmpty();
        assertThat(journal(after)).isEmpty();
        assertThat(stored.path()).doesNotExist();
    }

    @Test
    void partialFilesAreRemovedAtStartAndTheTreeIsNotRead() throws Exception {
        Archive before = archive();
        Archive.Incoming abandoned = before.begin(CT, "1.2.3.7.1.1", EXPLICIT, "MOD1");
        abandoned.write(new byte[1000]);
        // a file in the tree with no journal entry is recorded already: the start does not look at it
        Path recorded = Files.createDirectories(before.root().resolve("1.2.3.7/1.2.3.7.1")).resolve("1.2.3.7.1.9.dcm");
        Files.write(recorded, new byte[] {1, 2, 3});

        Archive after = archive();

        assertThat(journal(after)).isEmpty();
        assertThat(after.unrecorded()).isEmpty();
    }

    @Test
    void aRepeatedInstanceKeepsTheFirstCopyAndLeavesNoJournalEntry() throws Exception {
        Archive archive = archive();
        StoredInstance first = store(archive, "1.2.3.8", "1.2.3.8.1", "1.2.3.8.1.1");
        archive.markRecorded(first);
        StoredInstance again = store(archive, "1.2.3.8", "1.2.3.8.1", "1.2.3.8.1.1");

        assertThat(again.duplicate()).isTrue();
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(journal(archive)).isEmpty();
    }

    @Test
    void anInstanceIsFoundInTheJournalUntilRecordedThenWhereTheRecordedLocationsSay() throws Exception {
        Map<String, SeriesLocation> recorded = new HashMap<>();
        RecordedLocations locations = sop -> Optional.ofNullable(recorded.get(sop));
        Archive archive = archive();
        archive.unrecorded();
        StoredInstance stored = store(archive, "1.2.3.9", "1.2.3.9.1", "1.2.3.9.1.1");

        assertThat(archive.find("1.2.3.9.1.1", locations)).contains(stored.path());
        // recording writes the location in the event's transaction, then clears the journal entry
        recorded.put("1.2.3.9.1.1", new SeriesLocation("1.2.3.9", "1.2.3.9.1"));
        archive.markRecorded(stored);
        assertThat(journal(archive)).isEmpty();
        assertThat(archive.find("1.2.3.9.1.1", locations)).contains(stored.path());

        assertThat(archive.find("1.2.3.9.1.2", locations)).as("never stored").isEmpty();
        assertThat(archive.find("../1.2.3.9.1.1", locations)).as("not a UID").isEmpty();
        recorded.put("1.2.3.9.1.3", new SeriesLocation("..", "1.2.3.9.1"));
        assertThat(archive.find("1.2.3.9.1.3", locations)).as("a location that is not a folder of UIDs").isEmpty();
        Files.delete(stored.path());
        assertThat(archive.find("1.2.3.9.1.1", locations)).as("recorded, but the file has gone").isEmpty();
    }

    @Test
    void afterACrashTheUnrecordedAreFoundFromTheJournalAndAfterARestartTheRecordedFromTheirLocations()
            throws Exception {
        Map<String, SeriesLocation> recorded = new HashMap<>();
        RecordedLocations locations = sop -> Optional.ofNullable(recorded.get(sop));
        Archive before = archive();
        StoredInstance first = store(before, "1.2.4.1", "1.2.4.1.1", "1.2.4.1.1.1");
        StoredInstance second = store(before, "1.2.4.1", "1.2.4.1.2", "1.2.4.1.2.1");
        recorded.put(first.sopInstanceUid(), new SeriesLocation("1.2.4.1", "1.2.4.1.1"));
        before.markRecorded(first);
        // the application stops here: the second is stored and acknowledged, not yet recorded

        Archive crashed = archive();
        assertThatThrownBy(() -> crashed.find(second.sopInstanceUid(), locations))
                .as("asked before the start's recovery read the journal").isInstanceOf(IllegalStateException.class);
        List<StoredInstance> recovered = crashed.unrecorded();
        assertThat(crashed.find(second.sopInstanceUid(), locations)).contains(second.path());
        assertThat(crashed.find(first.sopInstanceUid(), locations)).contains(first.path());
        assertThat(recovered).extracting(StoredInstance::sopInstanceUid).containsExactly(second.sopInstanceUid());
        recorded.put(second.sopInstanceUid(), new SeriesLocation("1.2.4.1", "1.2.4.1.2"));
        crashed.markRecorded(recovered);

        Archive restarted = archive();
        restarted.unrecorded();
        assertThat(journal(restarted)).isEmpty();
        assertThat(restarted.find(first.sopInstanceUid(), locations)).contains(first.path());
        assertThat(restarted.find(second.sopInstanceUid(), locations)).contains(second.path());
    }

    private Archive archive() throws IOException {
        return new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
    }

    private static List<Path> journal(Archive archive) throws IOException {
        try (Stream<Path> files = Files.list(archive.journal())) {
            return files.toList();
        }
    }

    private static StoredInstance store(Archive archive, String study, String series, String sop) throws IOException {
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, CT);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
        dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, series);
        dataset.setString(Tags.PatientID, VR.LO, "P1");
        dataset.setBytes(Tags.PixelData, VR.OW, new byte[4096]);
        Archive.Incoming incoming = archive.begin(CT, sop, EXPLICIT, "MOD1");
        incoming.write(DicomWriter.encode(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        return incoming.commit();
    }
}
