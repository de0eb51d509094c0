package org.rispacs.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.PersonNames;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.DiscontinueOrderCommand;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.RecordOrderPatientCommand;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.message.MessageHeader;
import org.rispacs.hl7.message.Segments;

/**
 * ORM^O01 and OMI^O23. Each ORC starts an order group; each OBR in it is one requested procedure,
 * and the TQ1 and IPC segments after an OBR describe it (a TQ1 before the first OBR applies to all
 * of them). The whole message is validated here, before any command is sent, and every error names
 * the segment occurrence and field that caused it.
 */
final class OrderMapping {

    /** DICOM Modality (0008,0060) is a CS value. */
    private static final Pattern MODALITY = Pattern.compile("[A-Z0-9_]{1,16}");
    /** DICOM SH (and AE titles): at most 16 characters, no backslash or control characters. */
    private static final Pattern SHORT_STRING = Pattern.compile("[\\x20-\\x5b\\x5d-\\x7e]{1,16}");
    /** DICOM UI: numeric components without leading zeros, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private final MappingSettings settings;
    private final PatientFields patients;

    OrderMapping(MappingSettings settings, PatientFields patients) {
        this.settings = settings;
        this.patients = patients;
    }

    static String orderId(String facility, String placerOrderNumber) {
        return PlacerOrderIds.orderId(facility, placerOrderNumber);
    }

    List<MappedCommand> map(MessageHeader header, List<Segment> segments) throws HL7Exception, MappingException {
        List<RequestedProcedure> procedures = split(segments);
        if (procedures.isEmpty()) {
            throw MappingException.missing(ErrorLocation.field("ORC", 1), "an ORC segment");
        }
        String facility = header.sendingFacility().isEmpty() ? header.sendingApplication() : header.sendingFacility();
        List<MappedCommand> commands = new ArrayList<>();
        Optional<RecordOrderPatientCommand> patient = patient(MessageMapper.first(segments, "PID"), procedures);
        Visit visit = visit(MessageMapper.first(segments, "PV1"));
        ProcedureCode diagnosis = diagnosis(MessageMapper.first(segments, "DG1"));
        patient.map(MappedCommand::first).ifPresent(commands::add);
        Map<String, RequestedProcedure> byPlacerNumber = new HashMap<>();
        for (RequestedProcedure procedure : procedures) {
            String placerOrderNumber = placerOrderNumber(procedure);
            RequestedProcedure earlier = byPlacerNumber.putIfAbsent(placerOrderNumber, procedure);
            if (earlier != null) {
                throw MappingException.at(procedure.obr() != null ? procedure.at("OBR", 2) : procedure.at("ORC", 2),
                        Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER, "placer order number " + placerOrderNumber
                                + " names two requested procedures in this message; give each OBR its own placer"
                                + " order number (OBR-2) or send one ORC per procedure (nothing was kept)");
            }
            MappedCommand.Locations at = locations(procedure);
            for (Object command : order(procedure, orderId(facility, placerOrderNumber), placerOrderNumber,
                    patient.orElse(null), visit, diagnosis)) {
                commands.add(new MappedCommand(command, at));
            }
        }
        return commands;
    }

    /**
     * One requested procedure: its order group's ORC, its own OBR (null when the ORC has none, as in
     * a cancel), its TQ1 and IPC, with each segment's occurrence in the message for ERR-2.
     */
    private record RequestedProcedure(Occurrence orc, Occurrence obrAt, Occurrence tq1At, Occurrence ipcAt) {

        Segment obr() {
            return obrAt == null ? null : obrAt.segment();
        }

        Segment tq1() {
            return tq1At == null ? null : tq1At.segment();
        }

        Segment ipc() {
            return ipcAt == null ? null : ipcAt.segment();
        }

        ErrorLocation at(String segment, int field) {
            return occurrence(segment).location(field, 0);
        }

        ErrorLocation at(String segment, int field, int component) {
            return occurrence(segment).location(field, component);
        }

        private Occurrence occurrence(String segment) {
            Occurrence found = switch (segment) {
                case "ORC" -> orc;
                case "OBR" -> obrAt;
                case "TQ1" -> tq1At;
                case "IPC" -> ipcAt;
                default -> null;
            };
            return found != null ? found : new Occurrence(null, segment, 1);
        }
    }

    /** A segment and which occurrence of its name in the message it is (counting from 1). */
    private record Occurrence(Segment segment, String name, int repetition) {

        ErrorLocation location(int field, int component) {
            return new ErrorLocation(name, repetition, field, component);
        }
    }

    private static List<RequestedProcedure> split(List<Segment> segments) {
        List<RequestedProcedure> procedures = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Occurrence orc = null;
        Occurrence groupTq1 = null;
        Occurrence obr = null;
        Occurrence tq1 = null;
        Occurrence ipc = null;
        boolean groupHasObr = false;
        for (Segment segment : segments) {
            String name = segment.getName();
            if (!Set.of("ORC", "OBR", "TQ1", "IPC").contains(name)) {
                continue;
            }
            Occurrence occurrence = new Occurrence(segment, name, seen.merge(name, 1, Integer::sum));
            switch (name) {
                case "ORC" -> {
                    if (obr != null) {
                        procedures.add(new RequestedProcedure(orc, obr, tq1, ipc));
                    } else if (orc != null && !groupHasObr) {
                        procedures.add(new RequestedProcedure(orc, null, groupTq1, ipc));
                    }
                    orc = occurrence;
                    groupTq1 = null;
                    obr = null;
                    tq1 = null;
                    ipc = null;
                    groupHasObr = false;
                }
                case "OBR" -> {
                    if (obr != null) {
                        procedures.add(new RequestedProcedure(orc, obr, tq1, ipc));
                    }
                    obr = occurrence;
                    tq1 = groupTq1;
                    ipc = null;
                    groupHasObr = true;
                }
                case "TQ1" -> {
                    if (obr == null) {
                        groupTq1 = groupTq1 == null ? occurrence : groupTq1;
                    } else if (tq1 == null || tq1 == groupTq1) {
                        tq1 = occurrence;
                    }
                }
                default -> ipc = ipc == null ? occurrence : ipc;
            }
        }
        if (obr != null) {
            procedures.add(new RequestedProcedure(orc, obr, tq1, ipc));
        } else if (orc != null) {
            procedures.add(new RequestedProcedure(orc, null, groupTq1, ipc));
        }
        if (!procedures.isEmpty() && procedures.get(0).orc() == null) {
            // an OBR before any ORC: reported as a missing ORC
            return List.of();
        }
        return procedures;
    }

    /**
     * The patient the message names, to be registered or updated before its orders (an order message
     * is often the first the RIS hears of a patient). Required for new orders; optional otherwise.
     */
    private Optional<RecordOrderPatientCommand> patient(Segment pid, List<RequestedProcedure> procedures)
            throws HL7Exception, MappingException {
        boolean places = false;
        for (RequestedProcedure procedure : procedures) {
            places |= control(procedure).equals("NW");
        }
        if (pid == null) {
            if (places) {
                throw MappingException.missing(ErrorLocation.field("PID", 3), "the PID segment of a new order");
            }
            return Optional.empty();
        }
        boolean named = !Segments.value(pid, 5, 0, 1).isEmpty();
        return Optional.of(new RecordOrderPatientCommand(patients.patient(pid),
                named ? patients.demographics(pid) : null));
    }

    private static String control(RequestedProcedure procedure) throws HL7Exception {
        return Segments.value(procedure.orc().segment(), 1, 0, 1).toUpperCase(Locale.ROOT);
    }

    private static MappedCommand.Locations locations(RequestedProcedure procedure) throws HL7Exception {
        boolean placerInObr = !Segments.value(procedure.obr(), 2, 0, 1).isEmpty();
        boolean accessionInIpc = !Segments.value(procedure.ipc(), 1, 0, 1).isEmpty();
        return new MappedCommand.Locations(procedure.at("ORC", 1),
                placerInObr ? procedure.at("OBR", 2) : procedure.at("ORC", 2),
                accessionInIpc ? procedure.at("IPC", 1) : procedure.at("OBR", 18), procedure.at("IPC", 3));
    }

    /** The placer order number's namespace, the provider's id, OBR-24 as sent, the visit and the diagnosis. */
    private static PlacerDetails details(RequestedProcedure procedure, Visit visit, ProcedureCode diagnosis)
            throws HL7Exception {
        Segment orc = procedure.orc().segment();
        boolean numberInObr = !Segments.value(procedure.obr(), 2, 0, 1).isEmpty();
        String namespace = numberInObr ? Segments.value(procedure.obr(), 2, 0, 2) : Segments.value(orc, 2, 0, 2);
        boolean providerInOrc = !Segments.value(orc, 12, 0, 1).isEmpty() || !Segments.value(orc, 12, 0, 2).isEmpty();
        String providerId = providerInOrc ? Segments.value(orc, 12, 0, 1) : Segments.value(procedure.obr(), 16, 0, 1);
        ProcedureCode coded = diagnosis != null ? diagnosis : codedReason(procedure.obr());
        PlacerDetails details = new PlacerDetails(PatientFields.blankToNull(namespace),
                PatientFields.blankToNull(providerId),
                PatientFields.blankToNull(Segments.value(procedure.obr(), 24, 0, 1)), visit, coded);
        return details.equals(new PlacerDetails(null, null, null, null, null)) ? null : details;
    }

    /** PV1-2 patient class, PV1-3 location (point of care^room^bed), PV1-19 visit number; null without PV1. */
    private static Visit visit(Segment pv1) throws HL7Exception {
        if (pv1 == null) {
            return null;
        }
        String location = String.join("^", Segments.value(pv1, 3, 0, 1), Segments.value(pv1, 3, 0, 2),
                Segments.value(pv1, 3, 0, 3)).replaceAll("\\^+$", "");
        Visit visit = new Visit(PatientFields.blankToNull(Segments.value(pv1, 2, 0, 1)),
                PatientFields.blankToNull(location), PatientFields.blankToNull(Segments.value(pv1, 19, 0, 1)));
        return visit.equals(new Visit(null, null, null)) ? null : visit;
    }

    /** DG1-3 (CWE: code^text^coding system), the first diagnosis of the message. */
    private static ProcedureCode diagnosis(Segment dg1) throws HL7Exception {
        String code = Segments.value(dg1, 3, 0, 1);
        return code.isEmpty() ? null : new ProcedureCode(code, PatientFields.blankToNull(Segments.value(dg1, 3, 0, 3)),
                PatientFields.blankToNull(Segments.value(dg1, 3, 0, 2)));
    }

    /** OBR-31 when it is coded (a code with its coding system). */
    private static ProcedureCode codedReason(Segment obr) throws HL7Exception {
        String code = Segments.value(obr, 31, 0, 1);
        String system = Segments.value(obr, 31, 0, 3);
        return code.isEmpty() || system.isEmpty() ? null
                : new ProcedureCode(code, system, PatientFields.blankToNull(Segments.value(obr, 31, 0, 2)));
    }

    /** OBR-2 when the OBR names its own placer order, else ORC-2. */
    private static String placerOrderNumber(RequestedProcedure procedure) throws HL7Exception, MappingException {
        String fromObr = Segments.value(procedure.obr(), 2, 0, 1);
        String fromOrc = Segments.value(procedure.orc().segment(), 2, 0, 1);
        String placerOrderNumber = fromObr.isEmpty() ? fromOrc : fromObr;
        if (placerOrderNumber.isEmpty()) {
            throw MappingException.missing(procedure.at("ORC", 2), "the placer order number (ORC-2 or OBR-2)");
        }
        return placerOrderNumber;
    }

    private List<Object> order(RequestedProcedure procedure, String orderId, String placerOrderNumber,
                               RecordOrderPatientCommand patient, Visit visit, ProcedureCode diagnosis)
            throws HL7Exception, MappingException {
        Segment orc = procedure.orc().segment();
        return switch (control(procedure)) {
            case "NW" -> placement(procedure, orderId, placerOrderNumber, patient, visit, diagnosis);
            case "CA", "OC" -> List.of(new CancelOrderCommand(orderId,
                    PatientFields.blankToNull(reasonForControl(orc))));
            case "DC", "OD" -> List.of(new DiscontinueOrderCommand(orderId,
                    PatientFields.blankToNull(reasonForControl(orc))));
            case "XO" -> change(procedure, orderId);
            case "SC" -> statusChange(procedure, orderId);
            case "" -> throw MappingException.missing(procedure.at("ORC", 1), "the order control code");
            default -> throw MappingException.at(procedure.at("ORC", 1), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "order control '" + control(procedure) + "' is not supported (NW, CA, OC, DC, OD, XO, SC are)");
        };
    }

    /**
     * ORC-1 SC: the placer reports a status (ORC-5, table 0038). The RIS is the filler and records
     * scheduling, start and completion itself (MPPS, technologists); from the placer it takes the
     * end of an order: CA cancels it, DC discontinues the step in progress. Other statuses are
     * refused, so the placer learns that they changed nothing.
     */
    private static List<Object> statusChange(RequestedProcedure procedure, String orderId)
            throws HL7Exception, MappingException {
        Segment orc = procedure.orc().segment();
        String status = Segments.value(orc, 5, 0, 1).toUpperCase(Locale.ROOT);
        String reason = PatientFields.blankToNull(reasonForControl(orc));
        return switch (status) {
            case "CA" -> List.of(new CancelOrderCommand(orderId, reason));
            case "DC" -> List.of(new DiscontinueProcedureStepCommand(orderId, null, reason));
            case "" -> throw MappingException.missing(procedure.at("ORC", 5),
                    "the order status (ORC-5) of a status change");
            case "A", "CM", "ER", "HD", "IP", "RP", "SC" -> throw MappingException.at(procedure.at("ORC", 5),
                    Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, "order status '" + status + "' is recorded by the RIS"
                            + " itself (worklist, MPPS), not taken from the placer; a status change may report CA"
                            + " (cancelled) or DC (discontinued)");
            default -> throw MappingException.at(procedure.at("ORC", 5), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "order status '" + status + "' is not in HL7 table 0038");
        };
    }

    private List<Object> placement(RequestedProcedure procedure, String orderId, String placerOrderNumber,
                                   RecordOrderPatientCommand patient, Visit visit, ProcedureCode diagnosis)
            throws HL7Exception, MappingException {
        Segment obr = procedure.obr();
        if (obr == null) {
            throw MappingException.missing(procedure.at("OBR", 4), "the OBR segment");
        }
        ProcedureCode code = procedureCode(obr);
        if (code == null) {
            throw MappingException.missing(procedure.at("OBR", 4, 1), "the procedure code");
        }
        String modality = modality(procedure);
        if (modality.isEmpty()) {
            throw MappingException.missing(procedure.at("OBR", 24),
                    "the modality (OBR-24 diagnostic service section, or IPC-5)");
        }
        OrderPriority priority = priority(procedure);
        String accession = accession(procedure);
        List<Object> commands = new ArrayList<>();
        commands.add(new PlaceOrderCommand(orderId, patient.patient(), placerOrderNumber, code, modality,
                priority != null ? priority : OrderPriority.ROUTINE, PatientFields.blankToNull(reason(obr)),
                orderingProvider(procedure), accession, details(procedure, visit, diagnosis)));
        schedule(procedure, orderId, modality).ifPresent(commands::add);
        return commands;
    }

    private List<Object> change(RequestedProcedure procedure, String orderId) throws HL7Exception, MappingException {
        Segment obr = procedure.obr();
        List<Object> commands = new ArrayList<>();
        commands.add(new UpdateOrderCommand(orderId, procedureCode(obr), priority(procedure),
                PatientFields.blankToNull(reason(obr)), orderingProvider(procedure)));
        String modality = obr == null ? "" : modality(procedure);
        schedule(procedure, orderId, modality.isEmpty() ? null : modality).ifPresent(commands::add);
        return commands;
    }

    private static ProcedureCode procedureCode(Segment obr) throws HL7Exception {
        String code = Segments.value(obr, 4, 0, 1);
        if (code.isEmpty()) {
            return null;
        }
        return new ProcedureCode(code, PatientFields.blankToNull(Segments.value(obr, 4, 0, 3)),
                PatientFields.blankToNull(Segments.value(obr, 4, 0, 2)));
    }

    /** IPC-5 (OMI) names the DICOM modality; otherwise OBR-24, mapped by the site's table. Empty when neither. */
    private String modality(RequestedProcedure procedure) throws HL7Exception, MappingException {
        String fromIpc = Segments.value(procedure.ipc(), 5, 0, 1).toUpperCase(Locale.ROOT);
        if (!fromIpc.isEmpty()) {
            requireModality(fromIpc, procedure.at("IPC", 5), "modality",
                    "a DICOM modality code (CT, MR, US, ...)");
            return fromIpc;
        }
        String section = Segments.value(procedure.obr(), 24, 0, 1);
        String modality = settings.modalityFor(section).orElse("");
        if (!modality.isEmpty()) {
            requireModality(modality, procedure.at("OBR", 24), "diagnostic service section '" + section
                    + "' gives modality", "a DICOM modality code (map it with ris.hl7.modality-by-section)");
        }
        return modality;
    }

    /** IPC-1 (OMI), else OBR-18: the placer's accession number, kept as sent. */
    private static String accession(RequestedProcedure procedure) throws HL7Exception, MappingException {
        String fromIpc = Segments.value(procedure.ipc(), 1, 0, 1);
        ErrorLocation location = fromIpc.isEmpty() ? procedure.at("OBR", 18) : procedure.at("IPC", 1);
        String accession = fromIpc.isEmpty() ? Segments.value(procedure.obr(), 18, 0, 1) : fromIpc;
        if (accession.isEmpty()) {
            return null;
        }
        try {
            AccessionNumbers.normalise(accession);
        } catch (IllegalArgumentException notAnAccession) {
            throw MappingException.at(location, Hl7ErrorCode.DATA_TYPE_ERROR, notAnAccession.getMessage()
                    + " (an accession number is a DICOM SH: at most 16 characters, no backslash)");
        }
        return accession;
    }

    /** ORC-7.6, OBR-27.6 or TQ1-9: S is STAT, A is HIGH, R is ROUTINE. Null when none is given. */
    private static OrderPriority priority(RequestedProcedure procedure) throws HL7Exception {
        String value = firstPresent(Segments.value(procedure.orc().segment(), 7, 0, 6),
                Segments.value(procedure.obr(), 27, 0, 6), Segments.value(procedure.tq1(), 9, 0, 1));
        if (value.isEmpty()) {
            return null;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "S", "STAT" -> OrderPriority.STAT;
            case "A", "ASAP" -> OrderPriority.HIGH;
            default -> OrderPriority.ROUTINE;
        };
    }

    /**
     * A schedule when the message gives a requested start: on the station the message or the site
     * names, else on the modality alone (a modality asking its worklist by modality finds it).
     */
    private Optional<Object> schedule(RequestedProcedure procedure, String orderId, String modality)
            throws HL7Exception, MappingException {
        LocalDateTime scheduledStart = requestedStart(procedure);
        String station = Segments.value(procedure.ipc(), 9, 0, 1);
        if (!station.isEmpty()) {
            requireMatch(SHORT_STRING, station, procedure.at("IPC", 9), "station AE title", "a DICOM AE title");
        } else {
            station = settings.stationFor(modality).orElse("");
        }
        String requestedProcedureId = placerIdentifier(procedure, 2, SHORT_STRING, "requested procedure id",
                "a DICOM short string (1 to 16 characters, no backslash)");
        String studyInstanceUid = placerIdentifier(procedure, 3, UID, "study instance UID", "a DICOM UID");
        if (studyInstanceUid != null && studyInstanceUid.length() > 64) {
            throw MappingException.at(procedure.at("IPC", 3), Hl7ErrorCode.DATA_TYPE_ERROR, "study instance UID '"
                    + studyInstanceUid + "' is longer than 64 characters");
        }
        String stepId = placerIdentifier(procedure, 4, SHORT_STRING, "scheduled procedure step id",
                "a DICOM short string (1 to 16 characters, no backslash)");
        if (scheduledStart == null) {
            if (requestedProcedureId != null || studyInstanceUid != null || stepId != null) {
                // dropping the placer's identifiers silently would give the modality other ones
                throw MappingException.missing(procedure.tq1() != null ? procedure.at("TQ1", 7)
                                : procedure.at("ORC", 7, 4),
                        "the requested start (TQ1-7, ORC-7.4 or OBR-27.4), needed to schedule with IPC-2/3/4");
            }
            return Optional.empty();
        }
        return Optional.of(new ScheduleProcedureCommand(orderId, scheduledStart,
                station.isEmpty() ? null : station, null, null, requestedProcedureId, studyInstanceUid, stepId));
    }

    /** TQ1-7, else ORC-7.4, else OBR-27.4; an invalid value is an error at the field it came from. */
    private static LocalDateTime requestedStart(RequestedProcedure procedure) throws HL7Exception, MappingException {
        List<StartField> sources = List.of(new StartField(procedure.tq1(), procedure.at("TQ1", 7), 7, 1),
                new StartField(procedure.orc().segment(), procedure.at("ORC", 7, 4), 7, 4),
                new StartField(procedure.obr(), procedure.at("OBR", 27, 4), 27, 4));
        for (StartField source : sources) {
            String value = Segments.value(source.segment(), source.field(), 0, source.component());
            if (value.isEmpty()) {
                continue;
            }
            try {
                LocalDateTime start = Hl7Timestamps.dateTime(value);
                if (start == null) {
                    throw MappingException.at(source.location(), Hl7ErrorCode.DATA_TYPE_ERROR, "requested start '"
                            + value + "' gives no time of day (at least YYYYMMDDHHMM is needed to schedule)");
                }
                return start;
            } catch (DateTimeException invalid) {
                throw MappingException.at(source.location(), Hl7ErrorCode.DATA_TYPE_ERROR, "requested start '"
                        + value + "' is not an HL7 date and time (YYYYMMDDHHMM[SS[.S]][+/-ZZZZ]): "
                        + invalid.getMessage());
            }
        }
        return null;
    }

    /** Where a requested start may be: the segment, its location for ERR-2, and field and component to read. */
    private record StartField(Segment segment, ErrorLocation location, int field, int component) {
    }

    private static String placerIdentifier(RequestedProcedure procedure, int ipcField, Pattern syntax, String what,
                                           String expected) throws HL7Exception, MappingException {
        String value = PatientFields.blankToNull(Segments.value(procedure.ipc(), ipcField, 0, 1));
        if (value != null) {
            requireMatch(syntax, value, procedure.at("IPC", ipcField), what, expected);
        }
        return value;
    }

    /** A value of a data type (SH, AE, UI) that does not have its form: AE 102. */
    private static void requireMatch(Pattern syntax, String value, ErrorLocation location, String what,
                                     String expected) throws MappingException {
        if (!syntax.matcher(value).matches()) {
            throw MappingException.at(location, Hl7ErrorCode.DATA_TYPE_ERROR, what + " '" + value + "' is not "
                    + expected);
        }
    }

    /** A modality is a code of a table (DICOM's defined terms), so one that is not is AE 103. */
    private static void requireModality(String modality, ErrorLocation location, String what, String expected)
            throws MappingException {
        if (!MODALITY.matcher(modality).matches()) {
            throw MappingException.at(location, Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, what + " '" + modality
                    + "' is not " + expected);
        }
    }

    private static String reason(Segment obr) throws HL7Exception {
        return firstPresent(Segments.value(obr, 31, 0, 2), Segments.value(obr, 31, 0, 1));
    }

    /**
     * ORC-12, else OBR-16 (XCN: id, family, given, middle, suffix, prefix) as a DICOM person name
     * (family^given^middle^prefix^suffix); null when neither names a person.
     */
    private static String orderingProvider(RequestedProcedure procedure) throws HL7Exception {
        Segment orc = procedure.orc().segment();
        boolean inOrc = !Segments.value(orc, 12, 0, 1).isEmpty() || !Segments.value(orc, 12, 0, 2).isEmpty();
        Segment source = inOrc ? orc : procedure.obr();
        int field = inOrc ? 12 : 16;
        String family = Segments.value(source, field, 0, 2);
        if (family.isEmpty()) {
            return null;
        }
        return PersonNames.toDicom(new PersonName(family, component(source, field, 3), component(source, field, 4),
                component(source, field, 6), component(source, field, 5)));
    }

    private static String component(Segment segment, int field, int component) throws HL7Exception {
        return PatientFields.blankToNull(Segments.value(segment, field, 0, component));
    }

    /** ORC-16, the order control code reason: its text, else its code. */
    private static String reasonForControl(Segment orc) throws HL7Exception {
        return firstPresent(Segments.value(orc, 16, 0, 2), Segments.value(orc, 16, 0, 1));
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
