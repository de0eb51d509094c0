package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.pdu.PDataTf;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/**
 * The storage SCP under conditions real departments produce: compressed objects, several
 * modalities at once, a large multi-frame object, a transfer aborted half-way, and our SCU
 * storing to dcmtk's storescp.
 */
@Tag("dcmtk")
class StorageRobustnessTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    Path work;

    private DicomServer server;
    private Archive archive;
    private final List<StoredInstance> stored = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        archive = new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new VerificationService(), new StorageService(archive, (a, instance) -> stored.add(instance))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "dcmcjpeg, -xs, 1.2.840.10008.1.2.4.70",
        "dcmcrle, -xr, 1.2.840.10008.1.2.5",
        "dcmcjpls, -xt, 1.2.840.10008.1.2.4.80",
        "dcmconv +td, -xd, 1.2.840.10008.1.2.1.99",
    })
    void compressedObjectsAreStoredUnchanged(String compressor, String proposal, String transferSyntax)
            throws Exception {
        Path plain = Dcmtk.ctImage(work, "plain", "1.2.3.77.1", "1.2.3.77", "1.2.3.77.0", "ACC", "P1");
        Path compressed = work.resolve("compressed.dcm");
        List<String> command = new ArrayList<>(List.of(compressor.split(" ")));
        command.addAll(List.of(plain.toString(), compressed.toString()));
        Dcmtk.Result made = Dcmtk.run(command.toArray(String[]::new));
        assertThat(made.exitCode()).as(made.output()).isZero();

        Dcmtk.Result store = Dcmtk.run("storescu", proposal, "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port()), compressed.toString());
        assertThat(store.exitCode()).as(store.output()).isZero();

        StoredInstance instance = stored.get(0);
        assertThat(instance.transferSyntaxUid()).isEqualTo(transferSyntax);
        byte[] original = datasetBytes(compressed);
        byte[] kept = datasetBytes(instance.path());
        if (original.length % 2 == 1) {
            // PS3.5 A.5: an odd-length deflated bit stream travels padded with one NUL byte
            assertThat(kept).hasSize(original.length + 1).endsWith(0);
            kept = java.util.Arrays.copyOf(kept, original.length);
        }
        assertThat(kept).isEqualTo(original);
        Dcmtk.Result check = Dcmtk.run("dcmdump", instance.path().toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void severalModalitiesStoreAtOnce() throws Exception {
        ExecutorService modalities = Executors.newFixedThreadPool(4);
        try {
            List<Future<Dcmtk.Result>> sends = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                List<String> command = new ArrayList<>(List.of("storescu", "-aet", "MOD" + m, "-aec", "RISPACS",
                        "127.0.0.1", String.valueOf(server.port())));
                for (int i = 0; i < 5; i++) {
                    command.add(Dcmtk.ctImage(work, "m" + m + "i" + i, "1.2.3.88." + m + "." + i, "1.2.3.88." + m,
                            "1.2.3.88." + m + ".0", "ACC" + m, "P" + m).toString());
                }
                sends.add(modalities.submit(() -> Dcmtk.run(command.toArray(String[]::new))));
            }
            for (Future<Dcmtk.Result> send : sends) {
                Dcmtk.Result result = send.get();
                assertThat(result.exitCode()).as(result.output()).isZero();
            }
        } finally {
            modalities.shutdownNow();
        }
        assertThat(stored).hasSize(20);
        for (int m = 0; m < 4; m++) {
            try (var files = Files.list(archive.root().resolve("1.2.3.88." + m).resolve("1.2.3.88." + m + ".0"))) {
                assertThat(files.filter(file -> file.toString().endsWith(".dcm")).count()).isEqualTo(5);
            }
        }
    }

    @Test
    void aLargeMultiFrameObjectArrivesWhole() throws Exception {
        Path large = multiFrame(work.resolve("large.dcm"), 100);
        assertThat(Files.size(large)).isGreaterThan(50_000_000L);
        Dcmtk.Result store = Dcmtk.run("storescu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port()), large.toString());
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(datasetBytes(stored.get(0).path())).isEqualTo(datasetBytes(large));
    }

    @Test
    void aTransferAbortedHalfWayLeavesNothing() throws Exception {
        DicomClient client = DicomClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "SCU", "RISPACS",
                List.of(new PresentationContextProposal(1, CT,
                        List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))),
                "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults());
        Attributes command = Commands.request(CommandField.C_STORE_RQ, 1, CT, "1.2.3.99.1", true);
        client.association().send(new PDataTf(List.of(new PresentationDataValue(1, true, true,
                Commands.encode(command)))));
        client.association().send(new PDataTf(List.of(new PresentationDataValue(1, false, false,
                new byte[32 * 1024]))));
        client.association().abort();
        assertThat(client.association().ended().get()).contains("aborted");

        assertThat(server.isRunning()).isTrue();
        await().alias("no partial file left").atMost(Duration.ofSeconds(5)).pollInSameThread()
                .until(this::incomingIsEmpty);
        assertThat(stored).isEmpty();
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port())).exitCode()).isZero();
    }

    @Test
    void anObjectRefusedAsNotUnderstoodLeavesNoPartialFile() throws Exception {
        Path dump = work.resolve("nostudy.dump");
        Files.writeString(dump, String.join("\n",
                "(0008,0016) UI =CTImageStorage",
                "(0008,0018) UI [1.2.3.44.1]",
                "(0008,0060) CS [CT]",
                "(0010,0020) LO [P4]",
                "(0020,000e) UI [1.2.3.44.0]", ""));
        Path file = work.resolve("nostudy.dcm");
        Dcmtk.Result made = Dcmtk.run("dump2dcm", dump.toString(), file.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();

        Dcmtk.Result store = Dcmtk.run("storescu", "-v", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port()), file.toString());

        assertThat(store.output()).as(store.output()).contains("Received Store Response (Error: CannotUnderstand)");
        assertThat(stored).isEmpty();
        try (var journal = Files.list(archive.journal())) {
            assertThat(journal).as("no partial file left once the refusal is sent").isEmpty();
        }
    }

    @Test
    void ourClientStoresToDcmtksStorescp() throws Exception {
        Path received = Files.createDirectories(work.resolve("storescp"));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/storescp", "-aet", "STORESCP", "-od",
                received.toString(), String.valueOf(port)).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        assertThat(Path.of("/usr/bin/storescp")).isExecutable();
        Process storescp = builder.start();
        try {
            Path file = Dcmtk.ctImage(work, "out", "1.2.3.66.1", "1.2.3.66", "1.2.3.66.0", "ACC", "P6");
            DicomClient client = connectWhenListening(port);
            try (client) {
                assertThat(client.echo()).isZero();
                assertThat(client.store(file)).isZero();
            }
            try (var files = Files.list(received)) {
                Path copy = files.findFirst().orElseThrow();
                assertThat(datasetBytes(copy)).isEqualTo(datasetBytes(file));
            }
        } finally {
            storescp.destroy();
        }
    }

    private static DicomClient connectWhenListening(int port) {
        return await().atMost(Duration.ofSeconds(5)).pollInSameThread().ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> DicomClient.connect(new InetSocketAddress("127.0.0.1", port), "RISPACS", "STORESCP",
                        List.of(new PresentationContextProposal(1, "1.2.840.10008.1.1",
                                        List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())),
                                new PresentationContextProposal(3, CT,
                                        List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))),
                        "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults()), Objects::nonNull);
    }

    private boolean incomingIsEmpty() throws IOException {
        try (var files = Files.list(archive.journal())) {
            return files.findAny().isEmpty();
        }
    }

    /** A multi-frame object written with our own writer (which dcmtk then reads and sends). */
    private static Path multiFrame(Path file, int frames) throws IOException {
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, CT);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.55.1");
        dataset.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3.55");
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.55.0");
        dataset.setString(Tags.PatientID, VR.LO, "P5");
        dataset.setString(Tags.Modality, VR.CS, "CT");
        dataset.setInt(Tags.SamplesPerPixel, VR.US, 1);
        dataset.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.setString(Tags.NumberOfFrames, VR.IS, String.valueOf(frames));
        dataset.setInt(Tags.Rows, VR.US, 512);
        dataset.setInt(Tags.Columns, VR.US, 512);
        dataset.setInt(Tags.BitsAllocated, VR.US, 16);
        dataset.setInt(Tags.BitsStored, VR.US, 12);
        dataset.setInt(Tags.HighBit, VR.US, 11);
        dataset.setInt(Tags.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[512 * 512 * 2 * frames];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        dataset.setBytes(Tags.PixelData, VR.OW, pixels);
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomWriter writer = new DicomWriter(out);
            writer.writeFile(DicomWriter.createFileMetaInformation(CT, "1.2.3.55.1",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST", "T"),
                    dataset);
        }
        return file;
    }

    /** The bytes after the File Meta Information: what an SCP must store unchanged. */
    private static byte[] datasetBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            return reader.inputStream().readAllBytes();
        }
    }
}
