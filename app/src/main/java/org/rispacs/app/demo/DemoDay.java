package org.rispacs.app.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.billing.PayClaimCommand;
import org.rispacs.api.billing.SubmitClaimCommand;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.dimse.MessageSender;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.commitment.StorageCommitmentService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.hl7.mllp.MllpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code --ris.demo=true}: once the application is up, plays a day of a radiology department
 * through the same doors real systems use, so that a new user finds a living department: an
 * EHR's HL7 feed (registrations, 200 orders across CT, MR, CR and US, cancellations, a merge)
 * on our MLLP listener; modalities on our DICOM listener (MPPS, C-STORE of small generated
 * images, storage commitment, a few studies no order explains); and radiologists and billing
 * staff through commands (reports drafted and signed, claims submitted and paid). Every
 * identifier derives from the date, so a second start on the same day repeats nothing.
 */
@Component
@ConditionalOnProperty(name = "ris.demo", havingValue = "true")
class DemoDay {

    static final int ORDERS = 200;
    private static final Logger log = LoggerFactory.getLogger(DemoDay.class);
    private static final String MPPS = "1.2.840.10008.3.1.2.3.3";
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String IMPLEMENTATION = "2.25.329800735698586629295641978511506172918";
    private static final String[] FAMILY = {"Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Hansen", "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak", "Olsen", "Petit", "Quinn", "Rossi",
        "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Young", "Zimmermann"};
    private static final String[] GIVEN = {"Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida",
        "Jonas", "Karin", "Leo", "Maja", "Nils", "Olga", "Paul"};
    private static final Exam[] EXAMS = {
        new Exam("CT", "CTHEAD", "CT head without contrast", "CT1"),
        new Exam("CT", "CTCHEST", "CT chest with contrast", "CT2"),
        new Exam("CT", "CTABD", "CT abdomen and pelvis", "CT1"),
        new Exam("MR", "MRBRAIN", "MR brain", "MR1"),
        new Exam("MR", "MRKNEE", "MR knee", "MR1"),
        new Exam("CR", "CRCHEST", "Chest X-ray, two views", "CR1"),
        new Exam("CR", "CRHAND", "X-ray hand", "CR2"),
        new Exam("CR", "CRSPINE", "X-ray lumbar spine", "CR1"),
        new Exam("US", "USABD", "Ultrasound abdomen", "US1"),
        new Exam("US", "USTHYR", "Ultrasound thyroid", "US1")};
    private static final int PATIENTS = 150;
    private static final int ROOMS = 4;

    private final MllpServer hl7;
    private final DicomServer dicom;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final String aeTitle;
    private final Path work;
    private final LocalDate day = LocalDate.now();
    private final String dayKey = day.format(DateTimeFormatter.BASIC_ISO_DATE);

    DemoDay(MllpServer hl7, DicomServer dicom, CommandGateway commands, QueryGateway queries,
            @Value("${ris.dicom.ae-title:RISPACS}") String aeTitle,
            @Value("${ris.data-dir:./data}") String dataDir) {
        this.hl7 = hl7;
        this.dicom = dicom;
        this.commands = commands;
        this.queries = queries;
        this.aeTitle = aeTitle;
        this.work = Path.of(dataDir, "demo");
    }

    /** A procedure of the demo's catalogue and the station that performs it. */
    private record Exam(String modality, String code, String text, String station) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread feeder = new Thread(this::feed, "demo-day");
        feeder.setDaemon(true);
        feeder.start();
    }

    private void feed() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(work);
            Random random = new Random(day.toEpochDay());
            List<String> performed = new ArrayList<>();
            try (Socket ehr = new Socket(InetAddress.getLoopbackAddress(), hl7.port())) {
                ehr.setSoTimeout(60_000);
                for (int p = 0; p < PATIENTS; p++) {
                    hl7(ehr, "A04-" + p, "ADT^A04^ADT_A01", "EVN|A04|" + timestamp(7, 0), pid(p)
                            + "||19" + (40 + random.nextInt(60)) + "0" + (1 + random.nextInt(9)) + "1"
                            + random.nextInt(9) + "|" + (p % 2 == 0 ? "F" : "M"));
                }
                for (int i = 0; i < ORDERS; i++) {
                    order(ehr, i);
                }
                for (int i = 0; i < ORDERS; i++) {
                    if (cancelled(i)) {
                        hl7(ehr, "CA-" + i, "ORM^O01^ORM_O01", "PID|1||" + patientId(patientOf(i)) + "^^^HOSP",
                                "ORC|CA|" + placer(i) + "||||||||||||||^Cancelled by the ward");
                    }
                }
                // two registrations of one person, found and merged by the EHR at noon
                hl7(ehr, "A40-1", "ADT^A40^ADT_A39", "EVN|A40|" + timestamp(12, 0),
                        pid(PATIENTS - 2),
                        "MRG|" + patientId(PATIENTS - 1) + "^^^HOSP");
            }
            awaitOnWorklist(accession(ORDERS - 2));
            // the rooms work side by side; a modality acts on what its worklist shows, so once the order is there
            ExecutorService rooms = Executors.newFixedThreadPool(ROOMS);
            List<Future<String>> exams = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                int order = i;
                if (!cancelled(order) && !stillScheduled(order)) {
                    exams.add(rooms.submit(() -> examination(order)));
                }
            }
            rooms.shutdown();
            for (Future<String> exam : exams) {
                String accession = exam.get();
                if (accession != null) {
                    performed.add(accession);
                }
            }
            for (int u = 0; u < 4; u++) {
                String study = uid("unmatched-" + u);
                store("CT9", study, List.of(image(study, 1, u % 2 == 0 ? "NOSUCH" + u : "", "WALKIN" + u,
                        "Walk^In", "CT")));
            }
            int signed = readAndBill(performed);
            log.info("Demo day {} fed in {} s: {} patients, {} orders, {} examinations performed, {} reports signed",
                    dayKey, Duration.ofNanos(System.nanoTime() - started).toSeconds(), PATIENTS, ORDERS,
                    performed.size(), signed);
        } catch (Exception | AssertionError e) {
            log.warn("Demo day stopped early: {}", e.toString(), e);
        }
    }

    private void order(Socket ehr, int i) throws IOException {
        Exam exam = exam(i);
        LocalDateTime start = day.atTime(7, 0).plusMinutes(3L * i);
        String priority = i % 17 == 0 ? "S" : i % 5 == 0 ? "A" : "R";
        hl7(ehr, "NW-" + i, "OMI^O23^OMI_O23", "PID|1||" + patientId(patientOf(i)) + "^^^HOSP",
                "ORC|NW|" + placer(i),
                "TQ1|1||||||" + start.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm")) + "||" + priority,
                "OBR|1|" + placer(i) + "||" + exam.code() + "^" + exam.text() + "^LOCAL",
                "IPC|" + accession(i) + "||" + studyUid(i) + "||" + exam.modality() + "||||" + exam.station());
    }

    /** The accession of a performed examination; null if it could not be (logged: the day goes on). */
    private String examination(int order) throws InterruptedException {
        try {
            return orderOf(accession(order)).isPresent() && perform(order) ? accession(order) : null;
        } catch (IOException e) {
            log.info("Demo: examination {} not performed: {}", accession(order), e.toString());
            return null;
        }
    }

    /** The modality's part: MPPS in progress, the images, MPPS completed, storage commitment. */
    private boolean perform(int i) throws IOException, InterruptedException {
        Exam exam = exam(i);
        String step = uid("mpps-" + i);
        String study = studyUid(i);
        Attributes create = new Attributes();
        create.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
        create.setString(Tags.PerformedStationAETitle, VR.AE, exam.station());
        create.setString(Tags.PerformedProcedureStepStartDate, VR.DA, dayKey);
        Attributes scheduled = create.newSequence(Tags.ScheduledStepAttributesSequence).addNewItem();
        scheduled.setString(Tags.AccessionNumber, VR.SH, accession(i));
        scheduled.setString(Tags.StudyInstanceUID, VR.UI, study);
        mpps(exam.station(), CommandField.N_CREATE_RQ, step, create);

        List<Path> images = new ArrayList<>();
        int count = 1 + i % 3;
        for (int n = 1; n <= count; n++) {
            images.add(image(study, n, accession(i), patientId(patientOf(i)), null, exam.modality()));
        }
        store(exam.station(), study, images);

        Attributes done = new Attributes();
        done.setString(Tags.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
        done.newSequence(Tags.PerformedSeriesSequence).addNewItem()
                .setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        mpps(exam.station(), CommandField.N_SET_RQ, step, done);
        commit(exam.station(), study, count);
        return true;
    }

    /** Radiologists read a third and draft another third; billing submits the signed ones' claims, half paid. */
    private int readAndBill(List<String> performed) throws InterruptedException {
        Actor radiologist = new Actor("demo-radiologist", "Dr. Demo Reader", ClinicalRole.RADIOLOGIST);
        List<String> signedOrders = new ArrayList<>();
        for (int n = 0; n < performed.size(); n++) {
            if (n % 3 == 2) {
                continue;
            }
            String accession = performed.get(n);
            Optional<OrderView> order = orderOf(accession);
            if (order.isEmpty()) {
                continue;
            }
            String orderId = order.get().orderId();
            String reportId = "report-" + uid("report-" + accession).substring(5);
            String study = studyUid(Integer.parseInt(accession.substring(accession.length() - 3)));
            if (send(new DraftReportCommand(reportId, orderId, study, radiologist,
                    "Findings: no acute abnormality. Impression: normal examination."), "demo:radiologist")
                    && n % 3 == 0 && send(new SignReportCommand(reportId, radiologist), "demo:radiologist")) {
                signedOrders.add(orderId);
            }
        }
        // billing works later in the day, when the charges of the morning are all captured
        for (int n = 0; n < signedOrders.size(); n++) {
            String chargeId = ChargeIds.forOrder(signedOrders.get(n));
            String claimId = "claim-" + signedOrders.get(n);
            if (send(new SubmitClaimCommand(chargeId, claimId), "demo:billing") && n % 2 == 0) {
                send(new PayClaimCommand(chargeId, claimId, new BigDecimal("180.00"), "EUR"), "demo:billing");
            }
        }
        return signedOrders.size();
    }

    /** Sends a command as the demo's people do, retrying while the workflow catches up (a link, a charge). */
    private boolean send(Object command, String actor) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                        AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "demo",
                        AuditMetadata.SOURCE, "ris.demo " + dayKey)));
                return true;
            } catch (RuntimeException notYet) {
                Thread.sleep(1000);
            }
        }
        log.info("Demo: {} not accepted", command.getClass().getSimpleName());
        return false;
    }

    /** The modalities start once the day's worklist is there (the read model may still be catching up). */
    private void awaitOnWorklist(String accession) throws InterruptedException {
        WorklistCriteria criteria = new WorklistCriteria(null, null, null, accession, null, null, null, null, null,
                null, null);
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!queries.query(new FindModalityWorklistQuery(criteria, 1),
                    ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        log.info("Demo: the worklist does not show {} yet; the modalities start anyway", accession);
    }

    private Optional<OrderView> orderOf(String accession) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<OrderView> order = queries.query(new FindOrderByAccessionQuery(accession),
                    ResponseTypes.optionalInstanceOf(OrderView.class)).join();
            if (order.isPresent()) {
                return order;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private void hl7(Socket ehr, String id, String type, String... segments) throws IOException {
        String controlId = "DEMO-" + dayKey + "-" + id;
        String message = "MSH|^~\\&|DEMO-EHR|DEMO|RISPACS|RAD|" + timestamp(7, 0) + "||" + type + "|" + controlId
                + "|P|2.5.1\r" + String.join("\r", segments) + "\r";
        OutputStream out = ehr.getOutputStream();
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        out.write(0x0b);
        out.write(payload);
        out.write(new byte[] {0x1c, 0x0d});
        out.flush();
        InputStream in = ehr.getInputStream();
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0x1c; b = in.read()) {
            if (b < 0) {
                throw new IOException("the MLLP listener closed the connection");
            }
            if (b != 0x0b) {
                ack.write(b);
            }
        }
        in.read();
        String answer = ack.toString(StandardCharsets.UTF_8);
        if (!answer.contains("MSA|AA|")) {
            log.info("Demo: {} not accepted: {}", controlId, answer.replace('\r', ' '));
        }
    }

    private DicomClient associate(String station, String sopClass, String transferSyntax) throws IOException {
        return DicomClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dicom.port()), station,
                aeTitle, List.of(new PresentationContextProposal(1, sopClass, List.of(transferSyntax))),
                IMPLEMENTATION, AssociationSettings.defaults());
    }

    /** Retried while the SCP does not yet know the step (its read model catching up), as a modality would. */
    private void mpps(String station, int commandField, String step, Attributes dataset)
            throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            int status = mppsOnce(station, commandField, step, dataset);
            if (status == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        log.info("Demo: MPPS {} not accepted", step);
    }

    private int mppsOnce(String station, int commandField, String step, Attributes dataset) throws IOException {
        try (DicomClient modality = associate(station, MPPS, EXPLICIT)) {
            Attributes command = new Attributes();
            command.setInt(Tags.CommandField, VR.US, commandField);
            command.setInt(Tags.CommandDataSetType, VR.US, 0x0001);
            if (commandField == CommandField.N_CREATE_RQ) {
                command.setString(Tags.AffectedSOPClassUID, VR.UI, MPPS);
                command.setString(Tags.AffectedSOPInstanceUID, VR.UI, step);
            } else {
                command.setString(Tags.RequestedSOPClassUID, VR.UI, MPPS);
                command.setString(Tags.RequestedSOPInstanceUID, VR.UI, step);
            }
            return modality.request(MPPS, command,
                    DicomWriter.encode(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).getInt(Tags.Status);
        }
    }

    private void store(String station, String study, List<Path> images) throws IOException {
        try (DicomClient modality = associate(station, CT_IMAGE, EXPLICIT)) {
            for (Path image : images) {
                modality.store(image);
            }
        }
    }

    /** Storage commitment of the study's images; answers the report that comes back on the association. */
    private void commit(String station, String study, int count) throws IOException {
        try (DicomClient modality = associate(station, StorageCommitmentService.SOP_CLASS, EXPLICIT)) {
            Attributes action = new Attributes();
            action.setString(Tags.TransactionUID, VR.UI, uid("commit-" + study));
            Sequence references = action.newSequence(Tags.ReferencedSOPSequence);
            for (int n = 1; n <= count; n++) {
                Attributes reference = references.addNewItem();
                reference.setString(Tags.ReferencedSOPClassUID, VR.UI, CT_IMAGE);
                reference.setString(Tags.ReferencedSOPInstanceUID, VR.UI, study + ".1." + n);
            }
            Attributes command = new Attributes();
            command.setString(Tags.RequestedSOPClassUID, VR.UI, StorageCommitmentService.SOP_CLASS);
            command.setInt(Tags.CommandField, VR.US, CommandField.N_ACTION_RQ);
            command.setInt(Tags.CommandDataSetType, VR.US, 0x0001);
            command.setString(Tags.RequestedSOPInstanceUID, VR.UI, StorageCommitmentService.WELL_KNOWN_INSTANCE);
            command.setInt(Tags.ActionTypeID, VR.US, 1);
            modality.request(StorageCommitmentService.SOP_CLASS, command,
                    DicomWriter.encode(action, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            Attributes report = modality.nextCommand(Duration.ofSeconds(30));
            Attributes response = new Attributes();
            response.setString(Tags.AffectedSOPClassUID, VR.UI, StorageCommitmentService.SOP_CLASS);
            response.setInt(Tags.CommandField, VR.US, CommandField.responseTo(CommandField.N_EVENT_REPORT_RQ));
            response.setInt(Tags.MessageIDBeingRespondedTo, VR.US, report.getInt(Tags.MessageID));
            response.setInt(Tags.CommandDataSetType, VR.US, Commands.NO_DATA_SET);
            response.setInt(Tags.Status, VR.US, 0);
            response.setString(Tags.AffectedSOPInstanceUID, VR.UI, StorageCommitmentService.WELL_KNOWN_INSTANCE);
            MessageSender.send(modality.association(), 1, Commands.encode(response), (byte[]) null);
        }
    }

    /** A tiny image (2 x 2 pixels): what matters here is the workflow, not the picture. */
    private Path image(String study, int number, String accession, String patientId, String name, String modality)
            throws IOException {
        String sop = study + ".1." + number;
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, CT_IMAGE);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
        dataset.setString(Tags.StudyDate, VR.DA, dayKey);
        dataset.setString(Tags.AccessionNumber, VR.SH, accession);
        dataset.setString(Tags.Modality, VR.CS, modality);
        dataset.setString(Tags.PatientName, VR.PN, name == null ? "" : name);
        dataset.setString(Tags.PatientID, VR.LO, patientId);
        dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        dataset.setInt(Tags.Rows, VR.US, 2);
        dataset.setInt(Tags.Columns, VR.US, 2);
        dataset.setInt(Tags.BitsAllocated, VR.US, 16);
        dataset.setBytes(Tags.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        Path file = work.resolve(sop + ".dcm");
        try (OutputStream out = Files.newOutputStream(file); DicomWriter writer = new DicomWriter(out)) {
            writer.writeFile(DicomWriter.createFileMetaInformation(CT_IMAGE, sop, EXPLICIT, IMPLEMENTATION, "DEMO",
                    "DEMO"), dataset);
        }
        return file;
    }

    private static boolean cancelled(int order) {
        return order % 20 == 19;
    }

    /** The evening's orders are still on the modalities' worklists. */
    private static boolean stillScheduled(int order) {
        return order >= 172;
    }

    private static Exam exam(int order) {
        return EXAMS[order % EXAMS.length];
    }

    private static int patientOf(int order) {
        return (order * 37) % PATIENTS;
    }

    /** PID-3 and PID-5: the same name for the same patient number every day. */
    private static String pid(int patient) {
        return "PID|1||" + patientId(patient) + "^^^HOSP||" + FAMILY[patient % FAMILY.length] + "^"
                + GIVEN[(patient * 7) % GIVEN.length];
    }

    private static String patientId(int patient) {
        return String.format("DEMO%04d", patient);
    }

    private String placer(int order) {
        return "DEMO-" + dayKey + "-" + order;
    }

    private String accession(int order) {
        return "D" + dayKey.substring(2) + String.format("%03d", order);
    }

    private String studyUid(int order) {
        return uid("study-" + order);
    }

    private String timestamp(int hour, int minute) {
        return day.atTime(hour, minute).format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
    }

    /** A UID that is the same for the same key on the same day. */
    private String uid(String key) {
        UUID name = UUID.nameUUIDFromBytes(("ris-demo|" + dayKey + "|" + key).getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(name.toString().replace("-", ""), 16);
    }
}
