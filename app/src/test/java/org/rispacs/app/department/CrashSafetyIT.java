package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.PackagedApplication;
import org.rispacs.app.support.TestPostgres;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/**
 * A power cut in the middle of the day: the packaged application is killed (SIGKILL) while EHRs
 * send orders on several MLLP connections and two modalities store studies (storescu). After a
 * restart, every order that was acknowledged AA and every instance that got a success status is
 * there, in the event store and the archive; re-sending everything (as senders do with what
 * they saw no answer for) duplicates nothing; and the read models catch up.
 */
class CrashSafetyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HL7_CONNECTIONS = 4;
    private static final int ORDERS_PER_CONNECTION = 150;
    private static final int INSTANCES_PER_MODALITY = 150;
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

    private PackagedApplication app;
    private ExecutorService senders;

    @Test
    void whatWasAcknowledgedSurvivesAKillAndNothingIsDuplicated() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-crash");
        String indexPrefix = DepartmentPeers.indexPrefix("crash");
        List<String> settings = new ArrayList<>(PackagedApplication.onTestDependencies(indexPrefix));
        settings.add("--ris.security.integration-roles=ADMIN");
        String databaseUrl = settings.get(0).substring("--spring.datasource.url=".length());
        app = new PackagedApplication(dataDir, settings).start();
        Path work = Files.createDirectories(dataDir.resolve("peers"));
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        List<List<String>> messages = new ArrayList<>();
        for (int connection = 0; connection < HL7_CONNECTIONS; connection++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < ORDERS_PER_CONNECTION; i++) {
                batch.add(order(run, connection, i));
            }
            messages.add(batch);
        }
        Map<String, Path> studies = new HashMap<>();
        for (String modality : List.of("CT1", "CT2")) {
            studies.put(modality, study(work.resolve(modality), INSTANCES_PER_MODALITY));
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> stored = ConcurrentHashMap.newKeySet();
        senders = Executors.newFixedThreadPool(HL7_CONNECTIONS + studies.size());
        List<Future<?>> running = new ArrayList<>();
        for (List<String> batch : messages) {
            running.add(senders.submit(() -> sendUntilRefused(batch, acknowledged)));
        }
        // the modalities start once the order burst is under way, so that the kill (as soon as
        // both have made progress) interrupts each mid-way however fast either side is
        Instant patience = Instant.now().plus(Duration.ofMinutes(3));
        awaitProgress(() -> acknowledged.size() >= 100, patience);
        List<Process> storescus = new ArrayList<>();
        for (Map.Entry<String, Path> study : studies.entrySet()) {
            Process storescu = storescu(study.getKey(), study.getValue());
            storescus.add(storescu);
            running.add(senders.submit(() -> recordSuccesses(storescu, stored)));
        }
        awaitProgress(() -> stored.size() >= 60, patience);
        app.kill();
        int acknowledgedAtKill = acknowledged.size();
        int storedAtKill = stored.size();
        for (Future<?> sender : running) {
            sender.get(2, TimeUnit.MINUTES);
        }
        assertThat(acknowledgedAtKill).as("orders acknowledged before the kill").isGreaterThanOrEqualTo(100)
                .as("the kill came in the middle of the burst").isLessThan(HL7_CONNECTIONS * ORDERS_PER_CONNECTION);
        assertThat(storedAtKill).as("instances stored before the kill").isGreaterThanOrEqualTo(60)
                .isLessThan(2 * INSTANCES_PER_MODALITY);

        app.start();
        System.out.printf("CrashSafetyIT: killed after %d orders acknowledged and %d instances stored%n",
                acknowledgedAtKill, storedAtKill);

        // every acknowledged order: in the event store once, and in the read model once it caught up
        Map<String, Integer> placed = orderPlacedEventsByOrder(databaseUrl);
        assertThat(placed.values()).as("no order placed twice").allMatch(count -> count == 1);
        awaitReadModelsCaughtUp();
        for (String accession : acknowledged) {
            JsonNode found = json("/api/orders?accession=" + accession);
            assertThat(found).as("the acknowledged order " + accession).hasSize(1);
            assertThat(placed).containsKey(found.get(0).get("orderId").asText());
        }

        // every instance acknowledged with success: archived, and recorded exactly once
        Path archive = dataDir.resolve("archive");
        for (String sop : stored) {
            String[] parts = sop.split("\\|");
            assertThat(archive.resolve(parts[0]).resolve(parts[1]).resolve(parts[2] + ".dcm")).isRegularFile();
        }
        Map<String, Integer> recorded = eventually(() -> recordedInstances(databaseUrl),
                found -> stored.stream().allMatch(sop -> found.containsKey(sop.split("\\|")[2])));
        assertThat(recorded.values()).as("no instance recorded twice").allMatch(count -> count == 1);
        eventually(() -> assertThat(journal(archive)).as("journal emptied by recovery").isEmpty());

        // the senders retry everything; nothing is doubled
        try (Socket socket = new Socket("127.0.0.1", app.hl7Port())) {
            socket.setSoTimeout(60_000);
            for (List<String> batch : messages) {
                for (String message : batch) {
                    assertThat(DepartmentPeers.exchange(socket, message)).contains("MSA|AA|");
                }
            }
        }
        Map<String, Integer> afterResend = orderPlacedEventsByOrder(databaseUrl);
        assertThat(afterResend).hasSize(HL7_CONNECTIONS * ORDERS_PER_CONNECTION);
        assertThat(afterResend.values()).allMatch(count -> count == 1);
        for (Map.Entry<String, Path> study : studies.entrySet()) {
            Process again = storescu(study.getKey(), study.getValue());
            Set<String> all = ConcurrentHashMap.newKeySet();
            recordSuccesses(again, all);
            assertThat(all).hasSize(INSTANCES_PER_MODALITY);
        }
        Map<String, Integer> afterRestore = eventually(() -> recordedInstances(databaseUrl),
                found -> found.size() == 2 * INSTANCES_PER_MODALITY);
        assertThat(afterRestore.values()).as("no instance recorded twice").allMatch(count -> count == 1);

        // and the read models have caught up with all of it (the orders only placed by the re-send, sampled)
        awaitReadModelsCaughtUp();
        for (List<String> batch : messages) {
            for (int i = 0; i < batch.size(); i += 7) {
                String accession = accessionOf(batch.get(i));
                assertThat(json("/api/orders?accession=" + accession)).as(accession).hasSize(1);
            }
        }
    }

    /** Every read model at the head of the event store, without error; patient, as a loaded machine is slow. */
    private void awaitReadModelsCaughtUp() {
        Eventually.eventually(Duration.ofMinutes(8), () -> json("/api/admin/read-models"), CrashSafetyIT::caughtUp);
    }

    /** Until the burst has made the progress, or the time is up: the kill comes then in any case. */
    private static void awaitProgress(Callable<Boolean> progress, Instant patience) {
        Duration left = Duration.between(Instant.now(), patience);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            Eventually.within(left).pollInterval(Duration.ofMillis(5)).until(progress);
        } catch (ConditionTimeoutException slow) {
            // a slow machine: kill where the burst is
        }
    }

    private static boolean caughtUp(JsonNode models) {
        for (JsonNode model : models) {
            if (model.hasNonNull("error") || !model.path("upToDate").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    private static String order(String run, int connection, int i) {
        String placer = "CR" + run + "-" + connection + "-" + i;
        String accession = "C" + run + connection + String.format("%03d", i);
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20261201080000||ORM^O01^ORM_O01|M-" + placer
                        + "|P|2.5.1", "PID|1||P-" + placer + "^^^HOSP||Crash^Carla",
                "ORC|NW|" + placer, "OBR|1|" + placer + "||CTCHEST^CT chest^LOCAL||||||||||||||" + accession
                        + "||||||CT") + "\r";
    }

    private static String accessionOf(String message) {
        return message.split("\r")[3].split("\\|")[18];
    }

    /** One connection's orders in turn; stops at the first failure (the kill). */
    private void sendUntilRefused(List<String> batch, Set<String> acknowledged) {
        try (Socket socket = new Socket("127.0.0.1", app.hl7Port())) {
            socket.setSoTimeout(60_000);
            for (String message : batch) {
                String ack = DepartmentPeers.exchange(socket, message);
                if (ack.contains("MSA|AA|")) {
                    acknowledged.add(accessionOf(message));
                }
            }
        } catch (IOException killed) {
            // the application died under us: what was acknowledged is recorded
        }
    }

    /** Small CT images of one study in a folder, written with our Part 10 writer. */
    private static Path study(Path folder, int instances) throws IOException {
        Files.createDirectories(folder);
        String study = DepartmentPeers.uid();
        String series = study + ".1";
        for (int i = 1; i <= instances; i++) {
            String sop = series + "." + i;
            Attributes dataset = new Attributes();
            dataset.setString(Tags.SOPClassUID, VR.UI, CT_IMAGE);
            dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
            dataset.setString(Tags.Modality, VR.CS, "CT");
            dataset.setString(Tags.PatientName, VR.PN, "Crash^Carla");
            dataset.setString(Tags.PatientID, VR.LO, "P-CRASH");
            dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
            dataset.setString(Tags.SeriesInstanceUID, VR.UI, series);
            dataset.setInt(Tags.Rows, VR.US, 2);
            dataset.setInt(Tags.Columns, VR.US, 2);
            dataset.setBytes(Tags.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
            Attributes fmi = DicomWriter.createFileMetaInformation(CT_IMAGE, sop,
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "2.25.1", "CRASH-IT", "CT");
            try (OutputStream out = Files.newOutputStream(folder.resolve(String.format("%04d.dcm", i)));
                 DicomWriter writer = new DicomWriter(out)) {
                writer.writeFile(fmi, dataset);
            }
        }
        return folder;
    }

    private Process storescu(String callingAeTitle, Path folder) throws IOException {
        assertThat(Path.of("/usr/bin/storescu")).as("dcmtk's storescu").isExecutable();
        ProcessBuilder builder = new ProcessBuilder("storescu", "-v", "+sd", "-aet", callingAeTitle, "-aec",
                "RISPACS", "127.0.0.1", String.valueOf(app.dicomPort()), folder.toString()).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        return builder.start();
    }

    /** Reads storescu's verbose output as it comes: a success status after "Sending file" stores that file. */
    private static void recordSuccesses(Process storescu, Set<String> stored) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(storescu.getInputStream(),
                StandardCharsets.UTF_8))) {
            String sending = null;
            for (String line; (line = out.readLine()) != null; ) {
                int file = line.indexOf("Sending file: ");
                if (file >= 0) {
                    sending = line.substring(file + "Sending file: ".length()).strip();
                } else if (line.contains("Received Store Response (Success)") && sending != null) {
                    stored.add(identify(Path.of(sending)));
                    sending = null;
                }
            }
            storescu.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** study|series|sop of a file this test wrote. */
    private static String identify(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            Attributes dataset = reader.readDataset();
            return dataset.getString(Tags.StudyInstanceUID) + "|" + dataset.getString(Tags.SeriesInstanceUID) + "|"
                    + dataset.getString(Tags.SOPInstanceUID);
        }
    }

    private static List<Path> journal(Path archive) {
        try (Stream<Path> entries = Files.list(archive.resolve("journal"))) {
            return entries.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> orderPlacedEventsByOrder(String databaseUrl) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl, TestPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregateidentifier, count(*) FROM domainevententry"
                     + " WHERE payloadtype = 'org.rispacs.api.order.OrderPlacedEvent' GROUP BY aggregateidentifier")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    /** How often each SOP instance appears in the InstancesReceived events of the event store. */
    private static Map<String, Integer> recordedInstances(String databaseUrl) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl, TestPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payload FROM domainevententry"
                     + " WHERE payloadtype = 'org.rispacs.api.study.InstancesReceivedEvent'")) {
            while (rows.next()) {
                for (JsonNode instance : JSON.readTree(rows.getBytes(1)).get("instances")) {
                    counts.merge(instance.get("sopInstanceUid").asText(), 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private JsonNode json(String pathAndQuery) {
        try {
            return app.getJson(pathAndQuery);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (senders != null) {
            senders.shutdownNow();
        }
        if (app != null) {
            app.close();
        }
    }
}
