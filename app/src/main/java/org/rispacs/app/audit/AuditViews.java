package org.rispacs.app.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.app.web.AccessAudit;
import org.springframework.stereotype.Component;

/**
 * An audit timeline or a replayed state shows patient data like any other view: which patients
 * (those its entries concern, or the one the replayed aggregate names) is recorded the same way.
 */
@Component
class AuditViews {

    private final AccessAudit accessAudit;

    AuditViews(AccessAudit accessAudit) {
        this.accessAudit = accessAudit;
    }

    void timelineViewed(HttpServletRequest request, String view, List<AuditEntry> entries) {
        accessAudit.viewedList(request, view, entries.stream().flatMap(entry -> entry.patients().stream())
                .map(AccessAudit::patient).toList());
    }

    void stateViewed(HttpServletRequest request, String view, String aggregateId, Map<String, Object> replay) {
        if (!(replay.get("state") instanceof Map<?, ?> state)) {
            return;
        }
        List<PatientIdentifier> patients = new ArrayList<>();
        patients.add(AccessAudit.patient(aggregateId));
        for (String field : List.of("patient", "survivor", "merged")) {
            if (state.get(field) instanceof Map<?, ?> identifier) {
                patients.add(AccessAudit.patient(text(identifier.get("id")), text(identifier.get("issuer"))));
            }
        }
        accessAudit.viewed(request, view, patients, text(state.get("orderId")), text(state.get("accessionNumber")),
                text(state.get("studyInstanceUid")), text(state.get("reportId")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
