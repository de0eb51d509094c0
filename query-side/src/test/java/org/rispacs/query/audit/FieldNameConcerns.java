package org.rispacs.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rispacs.api.common.AccessionNumbers;

/**
 * How the audit timeline found what an event concerns before events declared it: by the names of
 * the fields of the event's JSON and by its package. Kept, as it was, only to show that the
 * declarations find the same.
 */
final class FieldNameConcerns {

    private static final List<String> PATIENT_FIELDS = List.of("patient", "patients", "merged", "survivor",
            "previous");

    private FieldNameConcerns() {
    }

    @SuppressWarnings("unchecked")
    static EventConcerns of(Object payload, String aggregateId, ObjectMapper json) {
        Map<String, Object> tree = json.convertValue(payload, Map.class);
        Set<String> patients = new LinkedHashSet<>();
        Set<String> accessions = new LinkedHashSet<>();
        Set<String> studies = new LinkedHashSet<>();
        Set<String> orders = new LinkedHashSet<>();
        Set<String> reports = new LinkedHashSet<>();
        for (String field : PATIENT_FIELDS) {
            addPatient(patients, tree.get(field));
        }
        addText(orders, tree.get("orderId"));
        addText(studies, tree.get("studyInstanceUid"));
        addText(reports, tree.get("reportId"));
        addAccession(accessions, tree.get("accessionNumber"));
        if (tree.get("attributes") instanceof Map<?, ?> received) {
            addAccession(accessions, received.get("accessionNumber"));
            addText(patients, receivedPatient(received.get("patientId"), received.get("issuerOfPatientId")));
        }
        if (payload.getClass().getPackageName().endsWith(".patient") && aggregateId != null) {
            patients.add(aggregateId);
        }
        Set<String> linked = new LinkedHashSet<>();
        addText(linked, tree.get("chargeId"));
        addText(linked, tree.get("deliveryId"));
        List<String> users = payload.getClass().getPackageName().endsWith(".security") && tree.get("username") != null
                ? List.of(tree.get("username").toString()) : List.of();
        return new EventConcerns(patients, accessions, studies, orders, reports, linked, users);
    }

    private static String receivedPatient(Object id, Object issuer) {
        if (id == null || id.toString().isBlank()) {
            return null;
        }
        return id.toString().strip() + (issuer == null || issuer.toString().isBlank() ? "" : "^^^" + issuer);
    }

    private static void addPatient(Set<String> patients, Object value) {
        if (value instanceof List<?> several) {
            several.forEach(one -> addPatient(patients, one));
        } else if (value instanceof Map<?, ?> identifier && identifier.get("id") != null) {
            patients.add(identifier.get("id") + "^^^" + identifier.get("issuer"));
        }
    }

    private static void addText(Set<String> values, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.add(value.toString());
        }
    }

    private static void addAccession(Set<String> accessions, Object value) {
        if (value != null) {
            try {
                AccessionNumbers.normalise(value.toString()).ifPresent(accessions::add);
            } catch (IllegalArgumentException notAnAccession) {
                accessions.add(value.toString());
            }
        }
    }
}
