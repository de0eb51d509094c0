package org.rispacs.app.demo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The demo day's department on paper: its catalogue, its patients, which orders are cancelled or
 * still waiting in the evening, and every identifier. All of it derives from the date, so that a
 * second start on the same day repeats nothing.
 */
final class DemoSchedule {

    static final int ORDERS = 200;
    static final int PATIENTS = 150;
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

    private final LocalDate day;
    private final String dayKey;

    DemoSchedule(LocalDate day) {
        this.day = day;
        this.dayKey = day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** A procedure of the demo's catalogue and the station that performs it. */
    record Exam(String modality, String code, String text, String station) {
    }

    LocalDate day() {
        return day;
    }

    /** yyyyMMdd. */
    String dayKey() {
        return dayKey;
    }

    Exam exam(int order) {
        return EXAMS[order % EXAMS.length];
    }

    boolean cancelled(int order) {
        return order % 20 == 19;
    }

    /** The evening's orders are still on the modalities' worklists. */
    boolean stillScheduled(int order) {
        return order >= 172;
    }

    int patientOf(int order) {
        return (order * 37) % PATIENTS;
    }

    String patientId(int patient) {
        return String.format("DEMO%04d", patient);
    }

    /** The same name for the same patient number every day. */
    String familyName(int patient) {
        return FAMILY[patient % FAMILY.length];
    }

    String givenName(int patient) {
        return GIVEN[(patient * 7) % GIVEN.length];
    }

    String placer(int order) {
        return "DEMO-" + dayKey + "-" + order;
    }

    String accession(int order) {
        return "D" + dayKey.substring(2) + String.format("%03d", order);
    }

    /** The order an accession of this day was given to. */
    int orderOf(String accession) {
        return Integer.parseInt(accession.substring(accession.length() - 3));
    }

    String studyUid(int order) {
        return uid("study-" + order);
    }

    String timestamp(int hour, int minute) {
        return day.atTime(hour, minute).format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
    }

    /** A UID that is the same for the same key on the same day. */
    String uid(String key) {
        UUID name = UUID.nameUUIDFromBytes(("ris-demo|" + dayKey + "|" + key).getBytes(StandardCharsets.UTF_8));
        return "2.25." + new BigInteger(name.toString().replace("-", ""), 16);
    }
}
