package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.rispacs.dicom.service.mpps.MppsService;
import org.rispacs.dicom.service.mpps.PerformedProcedureSteps;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.pdu.PDataTf;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/**
 * What a peer sees when it sends objects and requests the SCP cannot take as they are: each is
 * answered with the status PS3.4/PS3.7 define for it (never an "out of resources" that makes a
 * modality send it again forever), the association survives where it should, and nothing is kept.
 */
@Tag("dcmtk")
class MalformedRequestsTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    private static final String ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1";
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    @TempDir
    Path work;

    private DicomServer server;
    private Archive archive;
    private final List<StoredInstance> stored = new CopyOnWriteArrayList<>();
    private final List<String> mppsCalls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        archive = new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
        PerformedProcedureSteps steps = new PerformedProcedureSteps() {
            @Override
            public Result started(String uid, List<ScheduledReference> references, String station,
                                  LocalDateTime startedAt, PerformedAttributes performed, String caller) {
                mppsCalls.add("started " + uid);
                return new Result(Outcome.DONE, null);
            }

            @Override
            public Result updated(String uid, String status, List<String> series, String reason, String caller) {
                mppsCalls.add("updated " + uid);
                return new Result(Outcome.DONE, null);
            }
        };
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new VerificationService(), new StorageService(archive, (a, instance) -> stored.add(instance)),
                        new MppsService(steps)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEncapsulatedDocumentOver64MiBIsStoredWhole() throws Exception {
        Attributes pdf = identifiers(ENCAPSULATED_PDF, "1.2.3.31.1");
        pdf.setString(Tags.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        byte[] document = new byte[64 * 1024 * 1024 + 4096];
        for (int i = 0; i < document.length; i++) {
            document[i] = (byte) (i * 7);
        }
        pdf.setBytes(Tags.EncapsulatedDocument, VR.OB, document);
        Path file = work.resolve("large.pdf.dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(DicomWriter.createFileMetaInformation(ENCAPSULATED_PDF, "1.2.3.31.1",
                    EXPLICIT_LE, "1.2.826.0.1.3680043.10.1", "RISPACS_TEST", "T"), pdf);
        }

        Dcmtk.Result store = Dcmtk.run("storescu", "-v", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port()), file.toString());

        assertThat(store.output()).as(store.output()).contains("Received Store Response (Success)");
        assertThat(stored).hasSize(1);
        assertThat(datasetBytes(stored.get(0).path())).isEqualTo(datasetBytes(file));
        assertThat(stored.get(0).header().contains(Tags.EncapsulatedDocument)).as("bulk value not held").isFalse();
    }

    @ParameterizedTest(name = "{0} bytes of pixel data")
    @ValueSource(ints = {1000, 200_000})
    void aDataSetCutShortIsRefusedAndNothingKept(int pixelBytes) throws Exception {
        Attributes image = identifiers(CT, "1.2.3.32.1");
        image.setBytes(Tags.PixelData, VR.OW, new byte[pixelBytes]);
        byte[] whole = DicomWriter.encode(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);

        Attributes response = store(CT, "1.2.3.32.1", EXPLICIT_LE, cut);

        assertThat(response.getInt(Tags.Status)).isEqualTo(0xC000);
        assertThat(response.getString(Tags.ErrorComment)).contains("cannot parse");
        assertNothingKept();
    }

    @Test
    void aBrokenFragmentStructureIsRefusedAsNotUnderstood() throws Exception {
        byte[] header = DicomWriter.encode(identifiers(CT, "1.2.3.33.1"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] pixelData = {
            (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1, // (7FE0,0010) OB, undefined length
            (byte) 0xFE, -1, 0x00, (byte) 0xE0, 0, 0, 0, 0,                  // empty basic offset table
            0x08, 0x00, 0x18, 0x00, 4, 0, 0, 0, 1, 2, 3, 4,                  // not an item: no fragment
        };
        byte[] dataset = concat(header, pixelData);

        Attributes response = store(CT, "1.2.3.33.1", JPEG_BASELINE, dataset);

        assertThat(response.getInt(Tags.Status)).isEqualTo(0xC000);
        assertThat(response.getString(Tags.ErrorComment)).contains("cannot parse");
        assertNothingKept();
    }

    @Test
    void anUnreadableDataSetIsNotUnderstoodRatherThanOutOfResources() throws Exception {
        byte[] garbage = "this is no data set at all, just some text a broken gateway sent".getBytes();

        Attributes response = store(CT, "1.2.3.34.1", EXPLICIT_LE, garbage);

        assertThat(response.getInt(Tags.Status)).isEqualTo(0xC000);
        assertNothingKept();
    }

    @Test
    void aDataSetOfAnotherSopClassThanTheCommandIsRefused() throws Exception {
        Attributes image = identifiers(MR, "1.2.3.35.1");
        image.setBytes(Tags.PixelData, VR.OW, new byte[16]);

        Attributes response = store(CT, "1.2.3.35.1", EXPLICIT_LE,
                DicomWriter.encode(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(response.getInt(Tags.Status)).isEqualTo(0xA900);
        assertThat(response.getString(Tags.ErrorComment)).contains("SOP Class UID");
        assertNothingKept();
    }

    @Test
    void aNonAsciiSopInstanceUidIsNotUnderstoodAndTheAssociationGoesOn() throws Exception {
        try (DicomClient client = connect(CT, EXPLICIT_LE)) {
            Attributes command = Commands.request(CommandField.C_STORE_RQ, 0, CT, "1.2.3.36.\u00fc\u00e9", true);
            command.remove(Tags.MessageID);
            Attributes image = identifiers(CT, "1.2.3.36.1");
            Attributes response = client.request(CT, command,
                    DicomWriter.encode(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

            assertThat(response.getInt(Tags.Status)).isEqualTo(0xC000);
            assertThat(response.getString(Tags.ErrorComment)).contains("is not a valid UID").matches("[ -~]*");
            assertThat(client.echo()).isZero();
        }
        assertNothingKept();
    }

    @Test
    void anUnreadableCommandSetAbortsTheAssociation() throws Exception {
        DicomClient client = connect(CT, EXPLICIT_LE);
        // (0000,0000) UL declaring 4 bytes, then (0000,0100) declaring far more than follows
        byte[] command = {0, 0, 0, 0, 4, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 1, (byte) 0xFF, 0x7F, 0, 0, 1, 0};
        client.association().send(new PDataTf(List.of(new PresentationDataValue(1, true, true, command))));

        assertThat(client.association().ended().get(10, TimeUnit.SECONDS)).contains("aborted by the peer");
        assertThat(server.isRunning()).isTrue();
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(server.port())).exitCode()).isZero();
    }

    @ParameterizedTest(name = "N-{0}")
    @ValueSource(strings = {"CREATE", "SET"})
    void aCutMppsDataSetIsAnsweredAndNothingRecorded(String operation) throws Exception {
        Attributes step = new Attributes();
        step.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
        step.setString(Tags.PerformedProcedureStepDescription, VR.LO, "CT HEAD WITHOUT CONTRAST");
        byte[] whole = DicomWriter.encode(step, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);
        try (DicomClient client = connect(MppsService.SOP_CLASS, EXPLICIT_LE)) {
            Attributes command;
            if (operation.equals("CREATE")) {
                command = Commands.request(CommandField.N_CREATE_RQ, 0, MppsService.SOP_CLASS, "1.2.3.37.1", true);
            } else {
                command = Commands.request(CommandField.N_SET_RQ, 0, MppsService.SOP_CLASS, null, true);
                command.remove(Tags.AffectedSOPClassUID);
                command.setString(Tags.RequestedSOPClassUID, VR.UI, MppsService.SOP_CLASS);
                command.setString(Tags.RequestedSOPInstanceUID, VR.UI, "1.2.3.37.1");
            }
            command.remove(Tags.MessageID);

            Attributes response = client.request(MppsService.SOP_CLASS, command, cut);

            assertThat(response.getInt(Tags.Status)).isEqualTo(0x0110);
            assertThat(response.getString(Tags.ErrorComment)).contains("cannot read the data set");
            assertThat(client.echo()).isZero();
        }
        assertThat(mppsCalls).isEmpty();
    }

    @Test
    void anMppsDataSetOverItsSizeBoundIsAnsweredAndNothingRecorded() throws Exception {
        Attributes step = new Attributes();
        step.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
        step.setBytes(0x00091010, VR.OB, new byte[17 * 1024 * 1024]);
        try (DicomClient client = connect(MppsService.SOP_CLASS, EXPLICIT_LE)) {
            Attributes command = Commands.request(CommandField.N_CREATE_RQ, 0, MppsService.SOP_CLASS, "1.2.3.38.1",
                    true);
            command.remove(Tags.MessageID);

            Attributes response = client.request(MppsService.SOP_CLASS, command,
                    DicomWriter.encode(step, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

            assertThat(response.getInt(Tags.Status)).isEqualTo(0x0110);
            assertThat(response.getString(Tags.ErrorComment)).contains("16 MiB");
            assertThat(client.echo()).isZero();
        }
        assertThat(mppsCalls).isEmpty();
    }

    private Attributes store(String sopClass, String sopInstance, String transferSyntax, byte[] dataset)
            throws IOException {
        try (DicomClient client = connect(sopClass, transferSyntax)) {
            Attributes command = Commands.request(CommandField.C_STORE_RQ, 0, sopClass, sopInstance, true);
            command.remove(Tags.MessageID);
            return client.request(sopClass, command, dataset);
        }
    }

    private DicomClient connect(String sopClass, String transferSyntax) throws IOException {
        return DicomClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "MOD1", "RISPACS",
                List.of(new PresentationContextProposal(1, sopClass, List.of(transferSyntax)),
                        new PresentationContextProposal(3, "1.2.840.10008.1.1",
                                List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid()))),
                "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults());
    }

    /** No instance told to the workflow, no file in the archive, no partial file in its journal. */
    private void assertNothingKept() throws IOException {
        assertThat(stored).isEmpty();
        try (Stream<Path> files = Files.walk(archive.root())) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("files left in the archive").isEmpty();
        }
    }

    private static Attributes identifiers(String sopClass, String sopInstance) {
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, sopClass);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sopInstance);
        dataset.setString(Tags.Modality, VR.CS, sopClass.equals(ENCAPSULATED_PDF) ? "DOC" : "CT");
        dataset.setString(Tags.PatientID, VR.LO, "P31");
        dataset.setString(Tags.StudyInstanceUID, VR.UI, sopInstance + ".100");
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, sopInstance + ".100.1");
        return dataset;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] datasetBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            return reader.inputStream().readAllBytes();
        }
    }
}
