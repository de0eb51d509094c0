package org.rispacs.app.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.service.DicomServer;
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
 * through the same doors real systems use, so that a new user finds a living department: the
 * {@link SimulatedEhr}'s HL7 feed (registrations, 200 orders across CT, MR, CR and US,
 * cancellations, a merge) on our MLLP listener; the {@link SimulatedModality} rooms on our DICOM
 * listener (MPPS, C-STORE of small generated images, storage commitment, a few studies no order
 * explains); and radiologists and billing staff through commands (reports drafted and signed,
 * claims submitted and paid). The {@link DemoSchedule} derives every identifier from the date.
 */
@Component
@ConditionalOnProperty(name = "ris.demo", havingValue = "true")
class DemoDay {

    private static final Logger log = LoggerFactory.getLogger(DemoDay.class);
    private static final int ROOMS = 4;
    private static final int WALK_INS = 4;

    private final MllpServer hl7;
    private final DicomServer dicom;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final String aeTitle;
    private final Path work;
    private final DemoSchedule schedule = new DemoSchedule(LocalDate.now());

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

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        DaemonThreads.start("demo-day", this::play);
    }

    private void play() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(work);
            try (SimulatedEhr ehr = new SimulatedEhr(schedule, InetAddress.getLoopbackAddress().getHostAddress(),
                    hl7.port())) {
                morningFeed(ehr);
            }
            awaitOnWorklist(schedule.accession(DemoSchedule.ORDERS - 2));
            SimulatedModality modalities = new SimulatedModality(schedule,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), dicom.port()), aeTitle, work);
            List<String> performed = examinations(modalities);
            for (int walkIn = 0; walkIn < WALK_INS; walkIn++) {
                modalities.walkIn(walkIn);
            }
            int signed = readAndBill(performed);
            log.info("Demo day {} fed in {} s: {} patients, {} orders, {} examinations performed, {} reports signed",
                    schedule.dayKey(), Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    DemoSchedule.PATIENTS, DemoSchedule.ORDERS, performed.size(), signed);
        } catch (Exception | AssertionError e) {
            log.warn("Demo day stopped early: {}", e.toString(), e);
        }
    }

    /** The EHR registers the day's patients, places the orders, cancels some and merges two registrations. */
    private void morningFeed(SimulatedEhr ehr) throws IOException {
        for (int patient = 0; patient < DemoSchedule.PATIENTS; patient++) {
            ehr.register(patient);
        }
        for (int order = 0; order < DemoSchedule.ORDERS; order++) {
            ehr.order(order);
        }
        for (int order = 0; order < DemoSchedule.ORDERS; order++) {
            if (schedule.cancelled(order)) {
                ehr.cancel(order);
            }
        }
        ehr.merge(DemoSchedule.PATIENTS - 2, DemoSchedule.PATIENTS - 1);
    }

    /** The rooms work side by side; a modality acts on what its worklist shows, so once the order is there. */
    private List<String> examinations(SimulatedModality modalities) throws Exception {
        ExecutorService rooms = Executors.newFixedThreadPool(ROOMS, DaemonThreads.numbered("demo-room"));
        List<Future<String>> exams = new ArrayList<>();
        for (int i = 0; i < DemoSchedule.ORDERS; i++) {
            int order = i;
            if (!schedule.cancelled(order) && !schedule.stillScheduled(order)) {
                exams.add(rooms.submit(() -> examination(modalities, order)));
            }
        }
        rooms.shutdown();
        List<String> performed = new ArrayList<>();
        for (Future<String> exam : exams) {
            String accession = exam.get();
            if (accession != null) {
                performed.add(accession);
            }
        }
        return performed;
    }

    /** The accession of a performed examination; null if it could not be (logged: the day goes on). */
    private String examination(SimulatedModality modalities, int order) throws InterruptedException {
        String accession = schedule.accession(order);
        try {
            return orderOf(accession).isPresent() && modalities.perform(order) ? accession : null;
        } catch (IOException e) {
            log.info("Demo: examination {} not performed: {}", accession, e.toString());
            return null;
        }
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
            String reportId = "report-" + schedule.uid("report-" + accession).substring(5);
            String study = schedule.studyUid(schedule.orderOf(accession));
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
                        AuditMetadata.SOURCE, "ris.demo " + schedule.dayKey())));
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
}
