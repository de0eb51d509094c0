package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.rispacs.api.common.AuditMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records the security events of user accounts (package {@code org.rispacs.api.security}) in the
 * event store, with who acted, through what and from where, so that they join the audit timeline
 * and a replay shows them. No aggregate: the accounts live in their own tables and nothing
 * decides on these events; they are facts, like a view of patient data.
 */
@Component
public class SecurityAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);

    private final EventGateway events;

    SecurityAudit(EventGateway events) {
        this.events = events;
    }

    /** An event caused by {@code actor}, within the current HTTP request if there is one. */
    public void record(Object event, String actor) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                servlet ? servlet.getRequest() : null;
        Map<String, String> metadata = request == null
                ? Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "system",
                        AuditMetadata.SOURCE, "configuration")
                : Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CHANNEL, "http",
                        AuditMetadata.SOURCE, request.getMethod() + " " + request.getRequestURI() + " from "
                                + request.getRemoteAddr());
        try {
            events.publish(GenericEventMessage.asEventMessage(event).andMetaData(metadata));
        } catch (RuntimeException notRecorded) {
            // a sign-in is not refused because the event store is unreachable; the log keeps the fact
            LOG.error("Could not record {} by {} in the event store", event, actor, notRecorded);
        }
    }
}
