package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.storage.StorageListener;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;

/** Our SCP against dcmtk's SCU tools: echoscu, storescu. */
@Tag("dcmtk")
class DicomServerWithDcmtkTest {

    @TempDir
    Path work;

    private DicomServer server;
    private Archive archive;
    private final List<StoredInstance> stored = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        archive = new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
        StorageListener listener = (Association association, StoredInstance instance) -> stored.add(instance);
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new VerificationService(), new StorageService(archive, listener)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String port() {
        return String.valueOf(server.port());
    }

    @Test
    void echoscuGetsAnAnswer() throws Exception {
        Dcmtk.Result echo = Dcmtk.run("echoscu", "-v", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port());
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        assertThat(echo.output()).contains("Received Echo Response (Success)");
    }

    @Test
    void aWrongCalledAeTitleIsRejectedAndTheListenerLivesOn() throws Exception {
        Dcmtk.Result echo = Dcmtk.run("echoscu", "-v", "-aet", "MOD1", "-aec", "NOTUS", "127.0.0.1", port());
        assertThat(echo.exitCode()).isNotZero();
        assertThat(echo.output()).contains("Called AE Title Not Recognized");
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port()).exitCode()).isZero();
    }

    @Test
    void storescuStoresADurablePart10File() throws Exception {
        Path file = Dcmtk.ctImage(work, "ct1", "1.2.3.4.5.6.7.1", "1.2.3.4.5.6", "1.2.3.4.5.6.7", "acc123 ", "P123");
        Dcmtk.Result store = Dcmtk.run("storescu", "-v", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port(),
                file.toString());
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(store.output()).contains("Received Store Response (Success)");

        Path kept = archive.root().resolve("1.2.3.4.5.6/1.2.3.4.5.6.7/1.2.3.4.5.6.7.1.dcm");
        assertThat(kept).isRegularFile();
        assertThat(stored).singleElement().satisfies(instance -> {
            assertThat(instance.path()).isEqualTo(kept);
            assertThat(instance.size()).isEqualTo(Files.size(kept));
            assertThat(instance.sha256()).isEqualTo(Archive.checksum(kept));
            assertThat(instance.header().getString(Tags.AccessionNumber)).isEqualTo("acc123");
            assertThat(instance.duplicate()).isFalse();
        });
        Dcmtk.Result dump = Dcmtk.run("dcmdump", kept.toString());
        assertThat(dump.exitCode()).as(dump.output()).isZero();
        assertThat(dump.output()).contains("(0010,0020) LO [P123]").contains("SourceApplicationEntityTitle");
        try (var journal = Files.list(archive.journal())) {
            // no partial file; one entry, the same file as the archived one, until it is recorded
            assertThat(journal).singleElement().satisfies(entry -> assertThat(Files.isSameFile(entry, kept)).isTrue());
        }
        // acknowledged and durable, but not yet recorded by the workflow: marked so until it is
        assertThat(archive.unrecorded()).extracting(StoredInstance::sopInstanceUid).containsExactly("1.2.3.4.5.6.7.1");
        archive.markRecorded(stored.get(0));
        assertThat(archive.unrecorded()).isEmpty();
    }

    @Test
    void aRepeatedInstanceIsAcceptedAndKeptOnce() throws Exception {
        Path file = Dcmtk.ctImage(work, "ct1", "1.2.3.4.5.6.7.1", "1.2.3.4.5.6", "1.2.3.4.5.6.7", "A1", "P1");
        for (int i = 0; i < 2; i++) {
            Dcmtk.Result store = Dcmtk.run("storescu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port(),
                    file.toString());
            assertThat(store.exitCode()).as(store.output()).isZero();
        }
        assertThat(stored).extracting(StoredInstance::duplicate).containsExactly(false, true);
    }

    @Test
    void garbageIsAbortedAndTheListenerLivesOn() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(10);
            assertThat(answer[0]).as("an A-ABORT PDU").isEqualTo((byte) 0x07);
        }
        assertThat(server.isRunning()).isTrue();
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port()).exitCode()).isZero();
    }

    @Test
    void randomBytesAreAbortedOnceAndTheConnectionClosed() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(18).nextBytes(noise);
        noise[0] = (byte) 0xEE; // no such PDU type
        ch.qos.logback.classic.Logger associationLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Association.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        associationLog.addAppender(logged);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            socket.setSoTimeout(5000);
            Thread sender = new Thread(() -> {
                try {
                    socket.getOutputStream().write(noise);
                } catch (IOException closedByTheServer) {
                    // expected once the server has had enough
                }
            });
            sender.start();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("an A-ABORT PDU").isEqualTo(0x07);
            try {
                in.skip(9);
                assertThat(in.read()).as("then the connection is closed").isEqualTo(-1);
            } catch (java.net.SocketException reset) {
                // closed with our noise unread: a reset, which is a close too
            }
            sender.join(5000);
        } finally {
            associationLog.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN)
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).singleElement()
                .asString().contains("unrecognised PDU type 0xee");
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port()).exitCode()).isZero();
    }

    @Test
    void dataBeforeAssociationIsAProtocolViolationAnswersWithAbort() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            socket.setSoTimeout(5000);
            // a well-formed P-DATA-TF PDU, but in state Sta2 only an A-ASSOCIATE-RQ may come (Evt10 -> AA-1)
            socket.getOutputStream().write(new byte[] {4, 0, 0, 0, 0, 8, 0, 0, 0, 4, 1, 3, 0, 0});
            byte[] answer = socket.getInputStream().readNBytes(10);
            assertThat(answer[0]).as("A-ABORT").isEqualTo((byte) 0x07);
        }
        try (Socket truncated = new Socket()) {
            truncated.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            truncated.getOutputStream().write(new byte[] {1, 0, 0, 0, 1, 0, 0, 1});
        }
        assertThat(Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", port()).exitCode()).isZero();
    }

    @Test
    void anAssociationPastTheLimitIsRejectedAtOnce() throws Exception {
        try (DicomServer limited = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 1),
                List.of(new VerificationService()))) {
            String limitedPort = String.valueOf(limited.port());
            try (DicomClient holder = DicomClient.connect(new InetSocketAddress("127.0.0.1", limited.port()), "SCU",
                    "RISPACS", List.of(new org.rispacs.dicom.ul.pdu.PresentationContextProposal(1,
                            "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                    "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults())) {
                long started = System.nanoTime();
                Dcmtk.Result refused = Dcmtk.run("echoscu", "-v", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                        limitedPort);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(refused.exitCode()).as(refused.output()).isNotZero();
                assertThat(refused.output()).contains("Association Rejected", "Rejected Transient",
                        "Local Limit Exceeded");
                assertThat(holder.echo()).as("the association holding the slot is unaffected").isZero();
            }
            // the slot is free again once the first association has ended
            await().alias("echoscu served once the slot is free").atMost(Duration.ofSeconds(5)).pollInSameThread()
                    .until(() -> Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1", limitedPort)
                            .exitCode() == 0);
        }
    }

    @Test
    void oneCallingAeHoldingItsShareOfAssociationsDoesNotLockOutTheOthers() throws Exception {
        try (DicomServer limited = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8, 2),
                List.of(new VerificationService()))) {
            String limitedPort = String.valueOf(limited.port());
            try (DicomClient first = idleAssociation(limited, "HOG");
                 DicomClient second = idleAssociation(limited, "hog ")) {
                long started = System.nanoTime();
                Dcmtk.Result refused = Dcmtk.run("echoscu", "-v", "-aet", "HOG", "-aec", "RISPACS", "127.0.0.1",
                        limitedPort);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(refused.exitCode()).as(refused.output()).isNotZero();
                assertThat(refused.output()).contains("Association Rejected", "Rejected Transient",
                        "Local Limit Exceeded");
                Dcmtk.Result other = Dcmtk.run("echoscu", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                        limitedPort);
                assertThat(other.exitCode()).as("another AE is served: " + other.output()).isZero();
                assertThat(first.echo()).as("the associations holding the share are unaffected").isZero();
                assertThat(second.echo()).isZero();
            }
            // the share is free again once they have ended (a rejection took none of it)
            await().alias("echoscu served once the share is free").atMost(Duration.ofSeconds(5)).pollInSameThread()
                    .until(() -> Dcmtk.run("echoscu", "-aet", "HOG", "-aec", "RISPACS", "127.0.0.1", limitedPort)
                            .exitCode() == 0);
            try (DicomClient first = idleAssociation(limited, "HOG");
                 DicomClient second = idleAssociation(limited, "HOG")) {
                assertThat(first.echo()).isZero();
                assertThat(second.echo()).isZero();
            }
        }
    }

    private static DicomClient idleAssociation(DicomServer server, String callingAeTitle) throws Exception {
        return DicomClient.connect(new InetSocketAddress("127.0.0.1", server.port()), callingAeTitle, "RISPACS",
                List.of(new org.rispacs.dicom.ul.pdu.PresentationContextProposal(1, "1.2.840.10008.1.1",
                        List.of("1.2.840.10008.1.2"))),
                "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults());
    }

    @Test
    void ourClientEchoesAndStoresToOurServer() throws Exception {
        Path file = Dcmtk.ctImage(work, "ct2", "1.2.3.9.1", "1.2.3.9", "1.2.3.9.0", "A2", "P2");
        try (DicomClient client = DicomClient.connect(new InetSocketAddress("127.0.0.1", server.port()), "SCU",
                "RISPACS", List.of(
                        new org.rispacs.dicom.ul.pdu.PresentationContextProposal(1, "1.2.840.10008.1.1",
                                List.of("1.2.840.10008.1.2")),
                        new org.rispacs.dicom.ul.pdu.PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.2",
                                List.of("1.2.840.10008.1.2.1"))),
                "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults())) {
            assertThat(client.echo()).isZero();
            assertThat(client.store(file)).isZero();
        }
        Attributes header = Archive.readHeader(archive.root().resolve("1.2.3.9/1.2.3.9.0/1.2.3.9.1.dcm"));
        assertThat(header.getString(Tags.PatientID)).isEqualTo("P2");
    }
}
