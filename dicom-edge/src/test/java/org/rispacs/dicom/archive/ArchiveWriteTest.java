package org.rispacs.dicom.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/**
 * An object's file holds exactly the bytes received, whatever their length and however they were
 * cut into fragments (the write buffers are reused from object to object); its header is found
 * whether or not it fits in what is kept in memory.
 */
class ArchiveWriteTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    Path work;

    @Test
    void theFileHoldsExactlyWhatWasReceivedForAnyLengthAndFragmentation() throws Exception {
        Archive archive = archive();
        int[] pixelLengths = {0, 2, 4096, 4096 * 64, 256 * 1024, 256 * 1024 + 2, 1_000_002};
        int[] fragmentLengths = {1, 999, 16 * 1024, 256 * 1024 - 6, 300_000};
        Random random = new Random(7);
        int n = 0;
        for (int pixels : pixelLengths) {
            for (int fragment : fragmentLengths) {
                String sop = "1.2.5." + ++n;
                byte[] dataset = dataset("1.2.5", "1.2.5.1", sop, bytes(random, pixels), null);
                StoredInstance stored = store(archive, sop, dataset, fragment);

                byte[] file = Files.readAllBytes(stored.path());
                assertThat(stored.size()).isEqualTo(file.length);
                assertThat(Arrays.copyOfRange(file, file.length - dataset.length, file.length))
                        .as("data set of %d pixel bytes in fragments of %d", pixels, fragment).isEqualTo(dataset);
                assertThat(stored.sha256()).isEqualTo(Archive.checksum(stored.path()));
                assertThat(stored.header().getString(Tags.SOPInstanceUID)).isEqualTo(sop);
                try (DicomReader reader = new DicomReader(Files.newInputStream(stored.path()))) {
                    assertThat(reader.readFileMetaInformation().getString(Tags.MediaStorageSOPInstanceUID))
                            .isEqualTo(sop);
                    assertThat(reader.readDataset().getString(Tags.SeriesInstanceUID)).isEqualTo("1.2.5.1");
                }
            }
        }
    }

    @Test
    void aHeaderLongerThanWhatIsKeptInMemoryIsReadFromTheFile() throws Exception {
        Archive archive = archive();
        // a private element of 200 KB before the study and series UIDs (group 0009 < 0020)
        String sop = "1.2.6.1.1";
        byte[] dataset = dataset("1.2.6", "1.2.6.1", sop, new byte[8192], new byte[200 * 1024]);

        StoredInstance stored = store(archive, sop, dataset, 16 * 1024);

        assertThat(stored.path()).isEqualTo(archive.root().resolve("1.2.6/1.2.6.1/" + sop + ".dcm"));
        assertThat(stored.header().getString(Tags.PatientID)).isEqualTo("P1");
        assertThat(stored.header().getBytes(Tags.PixelData)).as("pixel data is not part of the header").isNull();
        byte[] file = Files.readAllBytes(stored.path());
        assertThat(Arrays.copyOfRange(file, file.length - dataset.length, file.length)).isEqualTo(dataset);
    }

    @Test
    void aSeriesFolderRemovedBehindTheArchivesBackIsMadeAgain() throws Exception {
        Archive archive = archive();
        String first = "1.2.7.1.1";
        StoredInstance stored = store(archive, first, dataset("1.2.7", "1.2.7.1", first, new byte[16], null), 4096);
        archive.markRecorded(stored);
        Files.delete(stored.path());
        Files.delete(stored.path().getParent());

        String second = "1.2.7.1.2";
        StoredInstance again = store(archive, second, dataset("1.2.7", "1.2.7.1", second, new byte[16], null), 4096);

        assertThat(again.path()).isRegularFile().hasParent(stored.path().getParent());
    }

    private Archive archive() throws IOException {
        return new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] dataset(String study, String series, String sop, byte[] pixels, byte[] privateBlob) {
        Attributes dataset = new Attributes();
        if (privateBlob != null) {
            dataset.setString(0x00090010, VR.LO, "RISPACS TEST");
            dataset.setBytes(0x00091010, VR.OB, privateBlob);
        }
        dataset.setString(Tags.SOPClassUID, VR.UI, CT);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
        dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, series);
        dataset.setString(Tags.PatientID, VR.LO, "P1");
        dataset.setBytes(Tags.PixelData, VR.OW, pixels);
        return DicomWriter.encode(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static StoredInstance store(Archive archive, String sop, byte[] dataset, int fragment) throws IOException {
        Archive.Incoming incoming = archive.begin(CT, sop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "MOD1");
        for (int offset = 0; offset < dataset.length; offset += fragment) {
            incoming.write(dataset, offset, Math.min(fragment, dataset.length - offset));
        }
        return incoming.commit();
    }
}
