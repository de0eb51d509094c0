package org.rispacs.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.rispacs.api.common.AuditMetadata;

/** The audit metadata of a command sent on behalf of an HTTP request. */
public final class HttpAudit {

    private HttpAudit() {
    }

    public static Map<String, String> of(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return Map.of(
                AuditMetadata.ACTOR, user != null ? user : "anonymous",
                AuditMetadata.CHANNEL, "http",
                AuditMetadata.SOURCE, request.getMethod() + " " + request.getRequestURI() + " from "
                        + request.getRemoteAddr());
    }
}
