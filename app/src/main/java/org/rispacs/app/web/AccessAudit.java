package org.rispacs.app.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.PatientIdentifier;
import org.springframework.stereotype.Component;

/**
 * Records who was shown which patient's data: one {@link PatientDataViewedEvent} per page or
 * response that shows it, appended to the event store with the request's audit metadata (so it
 * joins the audit timeline of those patients). No aggregate: nothing decides on it, it is a fact.
 */
@Component
public class AccessAudit {

    private final EventGateway events;

    AccessAudit(EventGateway events) {
        this.events = events;
    }

    public void viewed(HttpServletRequest request, String view, List<PatientIdentifier> patients, String orderId,
                       String accessionNumber, String studyInstanceUid, String reportId) {
        List<PatientIdentifier> shown = patients.stream().filter(Objects::nonNull).distinct().toList();
        if (shown.isEmpty() && orderId == null && studyInstanceUid == null) {
            return;
        }
        events.publish(GenericEventMessage.asEventMessage(new PatientDataViewedEvent(view, shown, orderId,
                accessionNumber, studyInstanceUid, reportId)).andMetaData(HttpAudit.of(request)));
    }

    public void viewedList(HttpServletRequest request, String view, List<PatientIdentifier> patients) {
        viewed(request, view, patients, null, null, null, null);
    }

    /**
     * The rows of one answer were shown: one event naming their patients (the answer is a page,
     * so the list is as bounded as the page), none when no row names a patient.
     */
    public <T> void viewedRows(HttpServletRequest request, String view, List<T> rows,
                               Function<T, PatientIdentifier> patientOf) {
        viewedList(request, view, rows.stream().map(patientOf).toList());
    }

    /** The patients of a view; a null (unknown patient) is skipped. */
    public static List<PatientIdentifier> shown(PatientIdentifier... patients) {
        return Arrays.asList(patients);
    }

    /** A patient identifier from a read model's fields, or null when they are incomplete. */
    public static PatientIdentifier patient(String id, String issuer) {
        return id == null || id.isBlank() || issuer == null || issuer.isBlank() ? null
                : new PatientIdentifier(id, issuer);
    }

    /** A patient identifier in CX notation ({@code id^^^issuer}), or null when it names no issuer. */
    public static PatientIdentifier patient(String cx) {
        int separator = cx == null ? -1 : cx.indexOf("^^^");
        return separator < 0 ? null : patient(cx.substring(0, separator), cx.substring(separator + 3));
    }
}
