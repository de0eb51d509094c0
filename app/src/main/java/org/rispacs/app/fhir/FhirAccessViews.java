package org.rispacs.app.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.fhir.server.PatientDataViews;

/**
 * The FHIR server's reads of patient data, recorded as the REST API's are: one
 * {@link PatientDataViewedEvent} per answer, with the user as actor and {@code fhir} as channel.
 */
class FhirAccessViews implements PatientDataViews {

    static final String CHANNEL = "fhir";

    private final EventGateway events;

    FhirAccessViews(EventGateway events) {
        this.events = events;
    }

    @Override
    public void viewed(HttpServletRequest request, String view, List<PatientIdentifier> patients) {
        List<PatientIdentifier> shown = patients.stream().filter(Objects::nonNull).distinct().toList();
        if (shown.isEmpty()) {
            return;
        }
        String user = request.getRemoteUser();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        events.publish(GenericEventMessage.asEventMessage(new PatientDataViewedEvent(view, shown, null, null, null,
                null)).andMetaData(Map.of(
                        AuditMetadata.ACTOR, user != null ? user : "anonymous",
                        AuditMetadata.CHANNEL, CHANNEL,
                        AuditMetadata.SOURCE, request.getMethod() + " " + request.getRequestURI() + query + " from "
                                + request.getRemoteAddr())));
    }
}
