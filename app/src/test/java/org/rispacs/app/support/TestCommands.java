package org.rispacs.app.support;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.api.common.AuditMetadata;

/** Commands sent by a test, with the audit metadata every command carries. */
public final class TestCommands {

    private TestCommands() {
    }

    public static void send(CommandGateway commands, String actor, Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, actor)));
    }
}
