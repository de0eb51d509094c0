package org.rispacs.hl7.inbound;

import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.DiscontinueOrderCommand;
import org.rispacs.api.order.DiscontinueProcedureStepCommand;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.UpdateOrderCommand;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RecordOrderPatientCommand;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7Error;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.mapping.MappedCommand;

/** The domain's refusals as HL7 errors: ERR-3 from table 0357, ERR-5 the refusal code, ERR-8 its message. */
final class CommandErrors {

    private CommandErrors() {
    }

    static Hl7Error toHl7Error(MappedCommand mapped, RuntimeException failure) {
        Object command = mapped.command();
        MappedCommand.Locations at = mapped.at();
        Optional<CommandRefusedException> refusal = find(failure, CommandRefusedException.class);
        if (refusal.isPresent()) {
            CommandRefusedException refused = refusal.get();
            if (command instanceof RecordOrderPatientCommand && refused.code() == RefusalCode.UNKNOWN) {
                return new Hl7Error(Hl7ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.component("PID", 5, 1),
                        refused.code().name(), refused.getMessage());
            }
            Hl7ErrorCode code = switch (refused.code()) {
                case INVALID -> Hl7ErrorCode.TABLE_VALUE_NOT_FOUND;
                case UNKNOWN, PATIENT_MERGED -> Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER;
                case ACCESSION_IN_USE, STUDY_UID_IN_USE, ORDER_CONFLICT -> Hl7ErrorCode.DUPLICATE_KEY_IDENTIFIER;
                case ILLEGAL_TRANSITION, NOT_PERMITTED, PATIENT_MISMATCH, ORDER_HAS_STUDY ->
                        Hl7ErrorCode.APPLICATION_INTERNAL_ERROR;
            };
            ErrorLocation location = switch (refused.code()) {
                case ACCESSION_IN_USE -> at.accession();
                case STUDY_UID_IN_USE -> at.studyInstanceUid();
                case PATIENT_MERGED -> ErrorLocation.field("PID", 3);
                case ORDER_CONFLICT -> at.placerOrderNumber();
                default -> isOrderCommand(command) ? at.orderControl() : null;
            };
            return new Hl7Error(code, location, refused.code().name(), refused.getMessage());
        }
        if (find(failure, AggregateNotFoundException.class).isPresent()) {
            return new Hl7Error(Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    isOrderCommand(command) ? at.placerOrderNumber() : ErrorLocation.field("PID", 3),
                    "UNKNOWN", command instanceof MergePatientsCommand ? "the patient is unknown"
                            : "no order is known under this placer order number");
        }
        return Hl7Error.of(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, "internal error; retry later");
    }

    private static boolean isOrderCommand(Object command) {
        return command instanceof PlaceOrderCommand || command instanceof CancelOrderCommand
                || command instanceof UpdateOrderCommand || command instanceof ScheduleProcedureCommand
                || command instanceof DiscontinueProcedureStepCommand || command instanceof DiscontinueOrderCommand;
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
