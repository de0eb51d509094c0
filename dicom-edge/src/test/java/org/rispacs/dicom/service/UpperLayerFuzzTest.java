package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.data.Attributes;
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
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.PDataTf;
import org.rispacs.dicom.ul.pdu.PduWriter;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;
import org.rispacs.dicom.ul.pdu.ReleaseRq;
import org.rispacs.dicom.ul.pdu.UserInformation;

/**
 * A bounded, seeded fuzz of the upper layer and DIMSE over loopback: valid association streams
 * (echo, store, release) mutated at random, and random bytes. Every case must end, within a
 * deadline, in a response, an A-ABORT or the connection closed; afterwards no thread, file
 * descriptor or temporary file is left over. A failure names the seed and case to replay
 * ({@code -Dfuzz.seed=...}).
 */
@Tag("slow")
class UpperLayerFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_D1C0L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    /** Peers that open an association and then say nothing: the idle and ARTIM timers end them. */
    private static final int SILENT_PEERS = 4;
    private static final Duration CASE_DEADLINE = Duration.ofSeconds(5);
    private static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    /** How a case ended, by the first PDU type the server sent (or none). */
    enum Outcome { ACCEPTED, REJECTED, DATA, RELEASED, ABORTED, CLOSED_SILENTLY, OTHER }

    @TempDir
    Path work;

    private DicomServer server;
    private Archive archive;

    @BeforeEach
    void start() throws IOException {
        archive = new Archive(work.resolve("archive"), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST");
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 16 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(16 * 1024, Duration.ofSeconds(1), Duration.ofSeconds(1)), 8, 8),
                List.of(new VerificationService(), new StorageService(archive, (association, instance) -> { })));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyMutatedOrRandomStreamEndsInAResponseAnAbortOrACloseAndLeavesNothingBehind() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 40; i++) {
            runCase(random, i);
        }
        settle();
        int threadsBefore = Thread.activeCount();
        long descriptorsBefore = openDescriptors();

        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        ExecutorService silent = Executors.newFixedThreadPool(SILENT_PEERS);
        List<Future<Outcome>> silentPeers = new ArrayList<>();
        for (int i = 0; i < SILENT_PEERS; i++) {
            byte[] request = PduWriter.encode(associateRq());
            silentPeers.add(silent.submit(() -> exchange(request, false, Duration.ofSeconds(10))));
        }
        for (int i = 0; i < CASES; i++) {
            outcomes.merge(runCase(random, i), 1, Integer::sum);
        }
        for (Future<Outcome> peer : silentPeers) {
            assertThat(peer.get(15, TimeUnit.SECONDS)).as("a silent peer's association is ended by our timers")
                    .isIn(Outcome.ACCEPTED, Outcome.REJECTED);
        }
        silent.shutdown();

        assertThat(outcomes.keySet()).as("the mutations reach the codec, the state machine and DIMSE: " + outcomes)
                .contains(Outcome.ACCEPTED, Outcome.ABORTED);
        // associations still ending (and their threads) finish
        await().atMost(Duration.ofSeconds(15)).pollInSameThread().untilAsserted(() -> {
            assertThat(Thread.activeCount()).as("threads after %d cases", CASES)
                    .isLessThanOrEqualTo(threadsBefore + 2);
            assertThat(openDescriptors()).as("open file descriptors after %d cases", CASES)
                    .isLessThanOrEqualTo(descriptorsBefore + 4);
        });
        try (Stream<Path> files = Files.walk(archive.root())) {
            assertThat(files.filter(file -> file.toString().endsWith(".part")).toList())
                    .as("temporary files left in the archive").isEmpty();
        }
    }

    private Outcome runCase(Random random, int index) throws Exception {
        long caseSeed = random.nextLong();
        byte[] stream = FuzzCase.generate(new Random(caseSeed), index);
        try {
            return exchange(stream, true, CASE_DEADLINE);
        } catch (AssertionError | IOException e) {
            throw new AssertionError("fuzz case " + index + " (seed " + SEED + ", case seed " + caseSeed + ", "
                    + stream.length + " bytes) did not end properly: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the bytes, optionally half-closes, and reads until the server closes the connection;
     * fails if it has not within the deadline.
     */
    private Outcome exchange(byte[] stream, boolean halfClose, Duration deadline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000);
            socket.setSoTimeout(200);
            try {
                socket.getOutputStream().write(stream);
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (SocketException closedEarly) {
                // the server may abort and close before reading everything: that is an end too
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            long until = System.nanoTime() + deadline.toNanos();
            while (true) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("still open after " + deadline + "; received " + received.size()
                            + " bytes");
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException notYet) {
                    continue;
                } catch (SocketException reset) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, Math.min(n, Math.max(0, 64 - received.size())));
            }
            byte[] bytes = received.toByteArray();
            if (bytes.length == 0) {
                return Outcome.CLOSED_SILENTLY;
            }
            return switch (bytes[0]) {
                case 0x02 -> Outcome.ACCEPTED;
                case 0x03 -> Outcome.REJECTED;
                case 0x04 -> Outcome.DATA;
                case 0x06 -> Outcome.RELEASED;
                case 0x07 -> Outcome.ABORTED;
                default -> Outcome.OTHER;
            };
        }
    }

    /** Lets associations still ending (and their threads) finish before the baseline is taken. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
    }

    private static long openDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }

    static AssociateRq associateRq() {
        return new AssociateRq(1, "RISPACS", "FUZZ", "1.2.840.10008.3.1.1.1",
                List.of(new PresentationContextProposal(1, VERIFICATION, List.of(IMPLICIT)),
                        new PresentationContextProposal(3, CT, List.of(EXPLICIT))),
                new UserInformation(16 * 1024, "1.2.826.0.1.3680043.10.9", "FUZZ", null, List.of(), List.of()));
    }

    /** One case: a valid stream of PDUs, mutated (or not), or random bytes. */
    static final class FuzzCase {

        private FuzzCase() {
        }

        static byte[] generate(Random random, int index) {
            List<byte[]> pdus = validStream(random, index);
            int mutation = random.nextInt(10);
            return switch (mutation) {
                case 0 -> join(pdus);
                case 1 -> flipBytes(join(pdus), random, 1 + random.nextInt(8));
                case 2 -> Arrays.copyOf(join(pdus), random.nextInt(join(pdus).length));
                case 3 -> withLength(pdus, random);
                case 4 -> insert(join(pdus), random);
                case 5 -> withType(pdus, random);
                case 6 -> randomBytes(random);
                case 7 -> reordered(pdus, random);
                default -> join(mutateDimse(pdus, random));
            };
        }

        private static List<byte[]> validStream(Random random, int index) {
            List<byte[]> pdus = new ArrayList<>();
            pdus.add(PduWriter.encode(associateRq()));
            if (random.nextBoolean()) {
                byte[] echo = Commands.encode(Commands.request(CommandField.C_ECHO_RQ, 1, VERIFICATION, null,
                        false));
                pdus.add(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(1, true, true, echo)))));
            } else {
                String uid = "2.25." + (1000 + index) + "." + Math.abs(random.nextInt());
                byte[] command = Commands.encode(Commands.request(CommandField.C_STORE_RQ, 2, CT, uid, true));
                Attributes image = new Attributes();
                image.setString(Tags.SOPClassUID, VR.UI, CT);
                image.setString(Tags.SOPInstanceUID, VR.UI, uid);
                image.setString(Tags.StudyInstanceUID, VR.UI, uid + ".1");
                image.setString(Tags.SeriesInstanceUID, VR.UI, uid + ".1.1");
                image.setString(Tags.PatientID, VR.LO, "FUZZ");
                image.setString(Tags.Modality, VR.CS, "CT");
                image.setBytes(Tags.PixelData, VR.OW, new byte[random.nextInt(512) * 2]);
                byte[] dataset = DicomWriter.encode(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                pdus.add(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(3, true, true, command)))));
                int split = dataset.length / 2;
                pdus.add(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(3, false, false,
                        Arrays.copyOf(dataset, split))))));
                pdus.add(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(3, false, true,
                        Arrays.copyOfRange(dataset, split, dataset.length))))));
            }
            pdus.add(PduWriter.encode(new ReleaseRq()));
            return pdus;
        }

        private static byte[] join(List<byte[]> pdus) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdus.forEach(out::writeBytes);
            return out.toByteArray();
        }

        private static byte[] flipBytes(byte[] stream, Random random, int count) {
            byte[] mutated = stream.clone();
            for (int i = 0; i < count; i++) {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            }
            return mutated;
        }

        /** A PDU length (bytes 2-5 of its header) set to an edge value. */
        private static byte[] withLength(List<byte[]> pdus, Random random) {
            List<byte[]> copy = new ArrayList<>(pdus);
            int which = random.nextInt(copy.size());
            byte[] pdu = copy.get(which).clone();
            long[] lengths = {0, 1, 3, pdu.length - 7, pdu.length - 5, pdu.length, 0x7FFF_FFFFL, 0xFFFF_FFFFL,
                    random.nextInt(1 << 20)};
            long length = lengths[random.nextInt(lengths.length)] & 0xFFFF_FFFFL;
            pdu[2] = (byte) (length >>> 24);
            pdu[3] = (byte) (length >>> 16);
            pdu[4] = (byte) (length >>> 8);
            pdu[5] = (byte) length;
            copy.set(which, pdu);
            return join(copy);
        }

        private static byte[] insert(byte[] stream, Random random) {
            int at = random.nextInt(stream.length + 1);
            byte[] chunk = new byte[1 + random.nextInt(64)];
            random.nextBytes(chunk);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(stream, 0, at);
            out.writeBytes(chunk);
            out.write(stream, at, stream.length - at);
            return out.toByteArray();
        }

        private static byte[] withType(List<byte[]> pdus, Random random) {
            List<byte[]> copy = new ArrayList<>(pdus);
            int which = random.nextInt(copy.size());
            byte[] pdu = copy.get(which).clone();
            pdu[0] = (byte) (random.nextBoolean() ? 1 + random.nextInt(7) : random.nextInt(256));
            copy.set(which, pdu);
            return join(copy);
        }

        private static byte[] randomBytes(Random random) {
            byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = (byte) (1 + random.nextInt(7));
            }
            return bytes;
        }

        /** PDUs out of sequence: one dropped, duplicated or moved. */
        private static byte[] reordered(List<byte[]> pdus, Random random) {
            List<byte[]> copy = new ArrayList<>(pdus);
            int which = random.nextInt(copy.size());
            switch (random.nextInt(3)) {
                case 0 -> copy.remove(which);
                case 1 -> copy.add(random.nextInt(copy.size() + 1), copy.get(which));
                default -> copy.add(random.nextInt(copy.size()), copy.remove(which));
            }
            return join(copy);
        }

        /** Bytes flipped inside the P-DATA-TF PDUs only (past their 6-byte header): the command or data set. */
        private static List<byte[]> mutateDimse(List<byte[]> pdus, Random random) {
            List<byte[]> copy = new ArrayList<>(pdus);
            int which = 1 + random.nextInt(copy.size() - 2);
            byte[] pdu = copy.get(which).clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips && pdu.length > 12; i++) {
                pdu[12 + random.nextInt(pdu.length - 12)] ^= (byte) (1 + random.nextInt(255));
            }
            copy.set(which, pdu);
            return copy;
        }
    }
}
