package org.rispacs.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;
import org.rispacs.hl7.ack.AcknowledgementCode;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7Error;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.message.MessageHeader;
import org.rispacs.hl7.message.Segments;

/**
 * Turns a parsed message into the commands it asks for, in the order they are to be sent. A
 * message that asks for nothing we keep (an order status notice) maps to no command.
 */
public final class MessageMapper {

    private final PatientFields patients;
    private final OrderMapping orders;

    public MessageMapper(MappingSettings settings) {
        this.patients = new PatientFields(settings);
        this.orders = new OrderMapping(settings, patients);
    }

    public List<MappedCommand> map(Message message, MessageHeader header) throws MappingException {
        if (!SupportedMessages.isSupportedType(header.messageType())) {
            throw new MappingException(AcknowledgementCode.AR, Hl7Error.at(ErrorLocation.component("MSH", 9, 1),
                    Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "message type '" + header.messageType()
                            + "' is not supported; see the HL7 interface specification"));
        }
        if (!SupportedMessages.isSupported(header.messageType(), header.triggerEvent())) {
            throw new MappingException(AcknowledgementCode.AR, Hl7Error.at(ErrorLocation.component("MSH", 9, 2),
                    Hl7ErrorCode.UNSUPPORTED_EVENT_CODE, "trigger event '" + header.triggerEvent() + "' of "
                            + header.messageType() + " is not supported"));
        }
        if (SupportedMessages.changesNothing(header.messageType(), header.triggerEvent())) {
            return List.of();
        }
        try {
            List<Segment> segments = Segments.inOrder(message);
            if (header.messageType().equals("ADT")) {
                return adt(header.triggerEvent(), segments).stream().map(MappedCommand::first).toList();
            }
            return orders.map(header, segments);
        } catch (HL7Exception unreadable) {
            throw new MappingException(AcknowledgementCode.AR, Hl7Error.of(Hl7ErrorCode.DATA_TYPE_ERROR,
                    "the message cannot be read: " + unreadable.getMessage()));
        }
    }

    private List<Object> adt(String trigger, List<Segment> segments) throws HL7Exception, MappingException {
        if (SupportedMessages.ADT_MERGING.contains(trigger)) {
            return merges(segments);
        }
        Segment pid = first(segments, "PID");
        if (pid == null) {
            throw MappingException.missing(ErrorLocation.field("PID", 3), "the PID segment");
        }
        if (SupportedMessages.ADT_REGISTERING.contains(trigger)) {
            return List.of(new RegisterPatientCommand(patients.patient(pid), patients.demographics(pid)));
        }
        if (!trigger.equals("A08") && !trigger.equals("A31") && Segments.value(pid, 5, 0, 1).isEmpty()) {
            // a visit event (transfer, discharge, their cancels) whose PID names no one: the patient stays as held
            patients.patient(pid);
            return List.of();
        }
        return List.of(new UpdatePatientDemographicsCommand(patients.patient(pid), patients.demographics(pid)));
    }

    /**
     * A40 (and A34, A47, A39, A30, A36, A46): each PID (the survivor, or the corrected identifier) is
     * followed by the MRG naming the identity merged into it (or the identifier it replaces).
     */
    private List<Object> merges(List<Segment> segments) throws HL7Exception, MappingException {
        List<Object> commands = new ArrayList<>();
        Segment survivor = null;
        int pairs = 0;
        for (Segment segment : segments) {
            if (segment.getName().equals("PID")) {
                survivor = segment;
            } else if (segment.getName().equals("MRG")) {
                pairs++;
                if (survivor == null) {
                    throw MappingException.at(ErrorLocation.field("MRG", 1).inRepetition(pairs),
                            Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "MRG must follow the surviving patient's PID");
                }
                commands.add(new MergePatientsCommand(
                        patients.identifier(segment, 1, ErrorLocation.field("MRG", 1).inRepetition(pairs)),
                        patients.patient(survivor)));
                survivor = null;
            }
        }
        if (commands.isEmpty()) {
            throw MappingException.missing(ErrorLocation.field("MRG", 1), "the MRG segment with the merged id");
        }
        return commands;
    }

    static Segment first(List<Segment> segments, String name) {
        return segments.stream().filter(segment -> segment.getName().equals(name)).findFirst().orElse(null);
    }
}
