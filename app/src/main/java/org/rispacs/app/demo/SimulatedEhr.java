package org.rispacs.app.demo;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rispacs.api.common.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hospital's EHR of the demo day: registrations, orders, cancellations and a merge, sent one
 * at a time over one MLLP connection with HAPI's client, as an EHR's interface engine would.
 */
final class SimulatedEhr implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedEhr.class);

    private final DemoSchedule schedule;
    private final HapiContext hapi;
    private final Connection connection;
    private final Random birthDates;

    SimulatedEhr(DemoSchedule schedule, String host, int port) throws IOException {
        this.schedule = schedule;
        this.birthDates = new Random(schedule.day().toEpochDay());
        this.hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        // closing a context shuts its executor down: never HAPI's JVM-wide default
        hapi.setExecutorService(Executors.newCachedThreadPool(DaemonThreads.numbered("demo-ehr")));
        hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        try {
            this.connection = hapi.newClient(host, port, false);
        } catch (HL7Exception e) {
            hapi.close();
            throw new IOException("no MLLP connection to " + host + ":" + port, e);
        }
        connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
    }

    /** ADT^A04 of one of the day's patients. */
    void register(int patient) throws IOException {
        send("A04-" + patient, "ADT^A04^ADT_A01", "EVN|A04|" + schedule.timestamp(7, 0), pid(patient)
                + "||19" + (40 + birthDates.nextInt(60)) + "0" + (1 + birthDates.nextInt(9)) + "1"
                + birthDates.nextInt(9) + "|" + (patient % 2 == 0 ? "F" : "M"));
    }

    /** OMI^O23 new order, with the accession and Study Instance UID the EHR pre-assigns (IHE SWF.b). */
    void order(int order) throws IOException {
        DemoSchedule.Exam exam = schedule.exam(order);
        LocalDateTime start = schedule.day().atTime(7, 0).plusMinutes(3L * order);
        String priority = order % 17 == 0 ? "S" : order % 5 == 0 ? "A" : "R";
        send("NW-" + order, "OMI^O23^OMI_O23", "PID|1||" + schedule.patientId(schedule.patientOf(order)) + "^^^HOSP",
                "ORC|NW|" + schedule.placer(order),
                "TQ1|1||||||" + start.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm")) + "||" + priority,
                "OBR|1|" + schedule.placer(order) + "||" + exam.code() + "^" + exam.text() + "^LOCAL",
                "IPC|" + schedule.accession(order) + "||" + schedule.studyUid(order) + "||" + exam.modality()
                        + "||||" + exam.station());
    }

    /** ORM^O01 CA: the ward cancels. */
    void cancel(int order) throws IOException {
        send("CA-" + order, "ORM^O01^ORM_O01", "PID|1||" + schedule.patientId(schedule.patientOf(order)) + "^^^HOSP",
                "ORC|CA|" + schedule.placer(order) + "||||||||||||||^Cancelled by the ward");
    }

    /** ADT^A40: two registrations of one person, found and merged by the EHR at noon. */
    void merge(int survivor, int merged) throws IOException {
        send("A40-1", "ADT^A40^ADT_A39", "EVN|A40|" + schedule.timestamp(12, 0), pid(survivor),
                "MRG|" + schedule.patientId(merged) + "^^^HOSP");
    }

    private String pid(int patient) {
        return "PID|1||" + schedule.patientId(patient) + "^^^HOSP||" + schedule.familyName(patient) + "^"
                + schedule.givenName(patient);
    }

    /** Sends and logs what the RIS did not accept (the day goes on, as an EHR's feed would). */
    private void send(String id, String type, String... segments) throws IOException {
        String controlId = "DEMO-" + schedule.dayKey() + "-" + id;
        String text = "MSH|^~\\&|DEMO-EHR|DEMO|RISPACS|RAD|" + schedule.timestamp(7, 0) + "||" + type + "|"
                + controlId + "|P|2.5.1\r" + String.join("\r", segments) + "\r";
        try {
            Message ack = connection.getInitiator().sendAndReceive(hapi.getPipeParser().parse(text));
            String answer = ack.encode();
            if (!answer.contains("MSA|AA|")) {
                log.info("Demo: {} not accepted: {}", controlId, answer.replace('\r', ' '));
            }
        } catch (HL7Exception | LLPException e) {
            throw new IOException("HL7 exchange of " + controlId + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
        hapi.close();
    }
}
