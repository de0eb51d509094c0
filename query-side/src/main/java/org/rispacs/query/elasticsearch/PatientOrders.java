package org.rispacs.query.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rispacs.api.common.PatientIdentifier;

/**
 * The orders each patient has had, kept in a projection's own patients index (field
 * {@code orderIds}) so that a demographics change reaches the patient's orders by id, in real
 * time and within the batch, instead of by a search that sees only refreshed documents. An order
 * moved to another patient stays listed under the old one: readers check the order's patient.
 */
public final class PatientOrders {

    private static final String FIELD = "orderIds";

    private PatientOrders() {
    }

    public static void add(ReadModelIndex patients, PatientIdentifier patient, String orderId) {
        List<String> orders = new ArrayList<>(of(patients, patient));
        if (!orders.contains(orderId)) {
            orders.add(orderId);
            patients.upsert(patient.toString(), Map.of(FIELD, orders));
        }
    }

    public static List<String> of(ReadModelIndex patients, PatientIdentifier patient) {
        Map<String, Object> known = patients.find(patient.toString());
        if (known == null || !(known.get(FIELD) instanceof List<?> orders)) {
            return List.of();
        }
        return orders.stream().map(Object::toString).toList();
    }
}
