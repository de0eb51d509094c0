package org.rispacs.command.study;

import static org.rispacs.command.common.Refusals.requireText;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.LinkStudyToOrderCommand;
import org.rispacs.api.order.LinkedOrder;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.AssignStudyToOrderCommand;
import org.rispacs.api.study.DetachStudyCommand;
import org.rispacs.api.study.ReconcileStudyCommand;
import org.springframework.stereotype.Component;

/**
 * A reconciliation changes an order, the study and perhaps the study it replaces: each decides
 * its own half, and the commands run nested in this one's unit of work, so that they commit
 * together or, when any of them refuses, not at all. A committed study completes the order's
 * procedure step, since the modality that made it will never report a step of this order.
 */
@Component
class StudyReconciliation {

    private final CommandGateway commands;

    StudyReconciliation(CommandGateway commands) {
        this.commands = commands;
    }

    @CommandHandler
    void handle(ReconcileStudyCommand command) {
        requireText(command.studyInstanceUid(), "the study instance UID");
        requireText(command.orderId(), "the order");
        requireText(command.reconciledBy(), "who reconciles");
        requireText(command.note(), "a note that says why the study belongs to this order");
        StudyLinkMode mode = command.mode() == null ? StudyLinkMode.ONLY_STUDY : command.mode();
        String note = command.note().strip();
        LinkedOrder order = commands.sendAndWait(new LinkStudyToOrderCommand(command.orderId(),
                command.studyInstanceUid(), mode, command.reconciledBy(), note));
        Boolean committed = commands.sendAndWait(new AssignStudyToOrderCommand(command.studyInstanceUid(),
                command.orderId(), mode, order.patient(), order.formerPatients(), command.correctPatient(),
                command.reconciledBy(), note));
        for (String replaced : order.detachedStudyUids()) {
            commands.sendAndWait(new DetachStudyCommand(replaced, command.orderId(), command.reconciledBy(),
                    "replaced by study " + command.studyInstanceUid() + " (" + note + ")"));
        }
        if (Boolean.TRUE.equals(committed) && order.awaitingCompletion()) {
            commands.sendAndWait(new CompleteProcedureStepCommand(command.orderId(), CompletionSource.RECONCILIATION,
                    null, null));
        }
    }
}
