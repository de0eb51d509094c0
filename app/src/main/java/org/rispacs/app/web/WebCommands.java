package org.rispacs.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.CommandRefusedException;
import org.springframework.stereotype.Component;

/** Commands sent from a page: with the request's audit metadata, refusals turned into a message for the user. */
@Component
public class WebCommands {

    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(3);

    private final CommandGateway commands;

    WebCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends and waits; answers the refusal's message, if the command was refused. */
    public Optional<String> send(Object command, HttpServletRequest request) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(HttpAudit.of(request)));
            return Optional.empty();
        } catch (CommandRefusedException refused) {
            return Optional.of(refused.getMessage());
        } catch (IllegalArgumentException | NullPointerException invalid) {
            return Optional.of(String.valueOf(invalid.getMessage()));
        }
    }

    /**
     * Waits (briefly) until a read model shows a change just made, so that the page the user is
     * sent to next shows it too; if it lags longer, the page shows the older state and the change
     * appears on the next load.
     */
    public static void awaitReadModel(BooleanSupplier visible) {
        Instant deadline = Instant.now().plus(READ_MODEL_WAIT);
        while (!visible.getAsBoolean() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
