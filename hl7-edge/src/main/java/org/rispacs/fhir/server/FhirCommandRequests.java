package org.rispacs.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.CommandRefusedException;

/** What the FHIR edge's writes have in common: who sent a command and how, and a refusal as an HTTP answer. */
public final class FhirCommandRequests {

    /** The audit channel of commands sent over FHIR. */
    public static final String CHANNEL = "fhir";

    private FhirCommandRequests() {
    }

    /** The command's audit metadata: the signed-in user, the FHIR channel, and the request as its source. */
    public static Map<String, String> audit(HttpServletRequest http) {
        String user = http.getRemoteUser();
        return Map.of(
                AuditMetadata.ACTOR, user != null ? user : "anonymous",
                AuditMetadata.CHANNEL, CHANNEL,
                AuditMetadata.SOURCE, http.getMethod() + " " + http.getRequestURI() + " from " + http.getRemoteAddr());
    }

    /**
     * The domain's refusal within {@code failure} as the HTTP answer {@code specific} gives for its code,
     * else 403 for {@code NOT_PERMITTED} and 422 for the others; any other failure unchanged.
     */
    public static RuntimeException refusal(RuntimeException failure,
                                           Function<CommandRefusedException, Optional<BaseServerResponseException>>
                                                   specific) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommandRefusedException refused) {
                return specific.apply(refused).orElseGet(() -> switch (refused.code()) {
                    case NOT_PERMITTED -> new ForbiddenOperationException(refused.getMessage());
                    default -> new UnprocessableEntityException(refused.code() + ": " + refused.getMessage());
                });
            }
        }
        return failure;
    }
}
