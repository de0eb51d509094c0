package org.rispacs.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.message.MessageHeader;
import org.rispacs.hl7.message.Segments;

/**
 * ORM^O01 and OMI^O23: each ORC starts an order, and the OBR, TQ1 and IPC segments after it
 * (up to the next ORC) describe it.
 */
final class OrderMapping {

    private final MappingSettings settings;
    private final PatientFields patients;

    OrderMapping(MappingSettings settings, PatientFields patients) {
        this.settings = settings;
        this.patients = patients;
    }

    /** The order's id in the RIS: the same placer order from the same facility is always the same order. */
    static String orderId(String facility, String placerOrderNumber) {
        return UUID.nameUUIDFromBytes(("hl7-order|" + facility + "|" + placerOrderNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    List<Object> map(MessageHeader header, List<Segment> segments) throws HL7Exception, MappingException {
        List<OrderSegments> orders = split(segments);
        if (orders.isEmpty()) {
            throw MappingException.missing(ErrorLocation.field("ORC", 1), "an ORC segment");
        }
        String facility = header.sendingFacility().isEmpty() ? header.sendingApplication() : header.sendingFacility();
        Segment pid = MessageMapper.first(segments, "PID");
        List<Object> commands = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            commands.addAll(order(orders.get(i), i + 1, facility, pid));
        }
        return commands;
    }

    private record OrderSegments(Segment orc, Segment obr, Segment tq1, Segment ipc) {
    }

    private static List<OrderSegments> split(List<Segment> segments) {
        List<OrderSegments> orders = new ArrayList<>();
        Segment orc = null;
        Segment obr = null;
        Segment tq1 = null;
        Segment ipc = null;
        for (Segment segment : segments) {
            switch (segment.getName()) {
                case "ORC" -> {
                    if (orc != null) {
                        orders.add(new OrderSegments(orc, obr, tq1, ipc));
                    }
                    orc = segment;
                    obr = null;
                    tq1 = null;
                    ipc = null;
                }
                case "OBR" -> obr = obr == null ? segment : obr;
                case "TQ1" -> tq1 = tq1 == null ? segment : tq1;
                case "IPC" -> ipc = ipc == null ? segment : ipc;
                default -> { }
            }
        }
        if (orc != null) {
            orders.add(new OrderSegments(orc, obr, tq1, ipc));
        }
        return orders;
    }

    private List<Object> order(OrderSegments order, int repetition, String facility, Segment pid)
            throws HL7Exception, MappingException {
        Segment orc = order.orc();
        Segment obr = order.obr();
        String control = Segments.value(orc, 1, 0, 1).toUpperCase(Locale.ROOT);
        String placerOrderNumber = Segments.value(orc, 2, 0, 1);
        if (placerOrderNumber.isEmpty()) {
            placerOrderNumber = Segments.value(obr, 2, 0, 1);
        }
        if (placerOrderNumber.isEmpty()) {
            throw MappingException.missing(ErrorLocation.field("ORC", 2).inRepetition(repetition),
                    "the placer order number (ORC-2 or OBR-2)");
        }
        String orderId = orderId(facility, placerOrderNumber);
        return switch (control) {
            case "NW" -> placement(order, repetition, orderId, placerOrderNumber, pid);
            case "CA" -> List.of(new CancelOrderCommand(orderId, PatientFields.blankToNull(reasonForControl(orc))));
            case "XO" -> change(order, repetition, orderId);
            case "SC" -> statusChange(orc, repetition, orderId);
            case "" -> throw MappingException.missing(ErrorLocation.field("ORC", 1).inRepetition(repetition),
                    "the order control code");
            default -> throw MappingException.at(ErrorLocation.field("ORC", 1).inRepetition(repetition),
                    Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, "order control '" + control
                            + "' is not supported (NW, CA, XO, SC are)");
        };
    }

    /**
     * ORC-1 SC: the placer reports a status (ORC-5, table 0038). The RIS is the filler and records
     * scheduling, start and completion itself (MPPS, technologists); from the placer it takes the
     * end of an order: CA cancels it, DC discontinues the step in progress. Other statuses are
     * refused, so the placer learns that they changed nothing.
     */
    private static List<Object> statusChange(Segment orc, int repetition, String orderId)
            throws HL7Exception, MappingException {
        String status = Segments.value(orc, 5, 0, 1).toUpperCase(Locale.ROOT);
        String reason = PatientFields.blankToNull(reasonForControl(orc));
        return switch (status) {
            case "CA" -> List.of(new CancelOrderCommand(orderId, reason));
            case "DC" -> List.of(new DiscontinueProcedureStepCommand(orderId, null, reason));
            case "" -> throw MappingException.missing(ErrorLocation.field("ORC", 5).inRepetition(repetition),
                    "the order status (ORC-5) of a status change");
            case "A", "CM", "ER", "HD", "IP", "RP", "SC" -> throw MappingException.at(
                    ErrorLocation.field("ORC", 5).inRepetition(repetition), Hl7ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "order status '" + status + "' is recorded by the RIS itself (worklist, MPPS), not taken from"
                            + " the placer; a status change may report CA (cancelled) or DC (discontinued)");
            default -> throw MappingException.at(ErrorLocation.field("ORC", 5).inRepetition(repetition),
                    Hl7ErrorCode.TABLE_VALUE_NOT_FOUND, "order status '" + status + "' is not in HL7 table 0038");
        };
    }

    private List<Object> placement(OrderSegments order, int repetition, String orderId, String placerOrderNumber,
                                   Segment pid) throws HL7Exception, MappingException {
        Segment obr = order.obr();
        if (obr == null) {
            throw MappingException.missing(ErrorLocation.field("OBR", 4).inRepetition(repetition), "the OBR segment");
        }
        PatientIdentifier patient = patients.patient(pid);
        ProcedureCode procedure = procedure(obr, repetition);
        if (procedure == null) {
            throw MappingException.missing(ErrorLocation.component("OBR", 4, 1).inRepetition(repetition),
                    "the procedure code");
        }
        String modality = modality(order, repetition);
        OrderPriority priority = priority(order);
        String accession = Segments.value(order.ipc(), 1, 0, 1);
        if (accession.isEmpty()) {
            accession = Segments.value(obr, 18, 0, 1);
        }
        List<Object> commands = new ArrayList<>();
        commands.add(new PlaceOrderCommand(orderId, patient, placerOrderNumber, procedure, modality,
                priority != null ? priority : OrderPriority.ROUTINE, PatientFields.blankToNull(reason(obr)),
                PatientFields.blankToNull(orderingProvider(order)), PatientFields.blankToNull(accession)));
        schedule(order, repetition, orderId, modality).ifPresent(commands::add);
        return commands;
    }

    private List<Object> change(OrderSegments order, int repetition, String orderId)
            throws HL7Exception, MappingException {
        Segment obr = order.obr();
        List<Object> commands = new ArrayList<>();
        commands.add(new UpdateOrderCommand(orderId, procedure(obr, repetition), priority(order),
                PatientFields.blankToNull(reason(obr)), PatientFields.blankToNull(orderingProvider(order))));
        String modality = obr == null ? "" : modalityOrEmpty(order);
        schedule(order, repetition, orderId, modality.isEmpty() ? null : modality).ifPresent(commands::add);
        return commands;
    }

    private static ProcedureCode procedure(Segment obr, int repetition) throws HL7Exception {
        String code = Segments.value(obr, 4, 0, 1);
        if (code.isEmpty()) {
            return null;
        }
        return new ProcedureCode(code, PatientFields.blankToNull(Segments.value(obr, 4, 0, 3)),
                PatientFields.blankToNull(Segments.value(obr, 4, 0, 2)));
    }

    /** IPC-5 (OMI) names the DICOM modality; otherwise OBR-24, mapped by the site's table. */
    private String modality(OrderSegments order, int repetition) throws HL7Exception, MappingException {
        String modality = modalityOrEmpty(order);
        if (modality.isEmpty()) {
            throw MappingException.missing(ErrorLocation.field("OBR", 24).inRepetition(repetition),
                    "the modality (OBR-24 diagnostic service section, or IPC-5)");
        }
        return modality;
    }

    private String modalityOrEmpty(OrderSegments order) throws HL7Exception {
        String fromIpc = Segments.value(order.ipc(), 5, 0, 1);
        if (!fromIpc.isEmpty()) {
            return fromIpc.toUpperCase(Locale.ROOT);
        }
        return settings.modalityFor(Segments.value(order.obr(), 24, 0, 1)).orElse("");
    }

    /** ORC-7.6, OBR-27.6 or TQ1-9: S is STAT, A is HIGH, R is ROUTINE. Null when none is given. */
    private static OrderPriority priority(OrderSegments order) throws HL7Exception {
        String value = firstPresent(Segments.value(order.orc(), 7, 0, 6), Segments.value(order.obr(), 27, 0, 6),
                Segments.value(order.tq1(), 9, 0, 1));
        if (value.isEmpty()) {
            return null;
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "S", "STAT" -> OrderPriority.STAT;
            case "A", "ASAP" -> OrderPriority.HIGH;
            default -> OrderPriority.ROUTINE;
        };
    }

    private Optional<Object> schedule(OrderSegments order, int repetition, String orderId,
                                                String modality) throws HL7Exception, MappingException {
        String start = firstPresent(Segments.value(order.tq1(), 7, 0, 1), Segments.value(order.orc(), 7, 0, 4),
                Segments.value(order.obr(), 27, 0, 4));
        LocalDateTime scheduledStart;
        try {
            scheduledStart = Hl7Timestamps.dateTime(start);
        } catch (DateTimeException invalid) {
            throw MappingException.at(ErrorLocation.field("OBR", 27).inRepetition(repetition),
                    Hl7ErrorCode.DATA_TYPE_ERROR, "requested start '" + start + "' is not a valid date and time");
        }
        String station = Segments.value(order.ipc(), 9, 0, 1);
        if (station.isEmpty()) {
            station = settings.stationFor(modality).orElse("");
        }
        String requestedProcedureId = PatientFields.blankToNull(Segments.value(order.ipc(), 2, 0, 1));
        String studyInstanceUid = PatientFields.blankToNull(Segments.value(order.ipc(), 3, 0, 1));
        String stepId = PatientFields.blankToNull(Segments.value(order.ipc(), 4, 0, 1));
        boolean placerIds = requestedProcedureId != null || studyInstanceUid != null || stepId != null;
        if (scheduledStart == null || station.isEmpty()) {
            if (placerIds) {
                // dropping the placer's identifiers silently would give the modality other ones
                throw MappingException.missing(ErrorLocation.field(order.tq1() != null ? "TQ1" : "ORC", 7)
                        .inRepetition(repetition), scheduledStart == null
                        ? "the requested start (TQ1-7, ORC-7.4 or OBR-27.4), needed to schedule with IPC-2/3/4"
                        : "the station (IPC-9, or one configured for the modality), needed to schedule with IPC-2/3/4");
            }
            return Optional.empty();
        }
        return Optional.of(new ScheduleProcedureCommand(orderId, scheduledStart, station, null, null,
                requestedProcedureId, studyInstanceUid, stepId));
    }

    private static String reason(Segment obr) throws HL7Exception {
        return firstPresent(Segments.value(obr, 31, 0, 2), Segments.value(obr, 31, 0, 1));
    }

    /** ORC-12, else OBR-16, as id^family^given. */
    private static String orderingProvider(OrderSegments order) throws HL7Exception {
        Segment source = Segments.value(order.orc(), 12, 0, 1).isEmpty()
                && Segments.value(order.orc(), 12, 0, 2).isEmpty() ? order.obr() : order.orc();
        int field = source == order.orc() ? 12 : 16;
        String joined = String.join("^", Segments.value(source, field, 0, 1), Segments.value(source, field, 0, 2),
                Segments.value(source, field, 0, 3));
        return joined.replaceAll("\\^+$", "");
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
