package org.rispacs.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the audit timeline remembers of an order, of a study linked to an order, and of a charge or
 * delivery, so that an event naming only one of them is found by the patient, accession and order
 * it belongs to. Written as partial updates: absent fields leave what is stored.
 *
 * @param patient         the order's patient, CX notation
 * @param accessionNumber the order's accession number, normalised
 * @param orderId         the order a charge or delivery is for
 * @param placedEventId   the order's placing event, to file under the accession assigned after it
 * @param receivedPatient a study's patient as the modality sent it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditLink(
        String patient,
        String accessionNumber,
        String orderId,
        String placedEventId,
        String receivedPatient) {

    static AuditLink placed(String patient, String placedEventId) {
        return new AuditLink(patient, null, null, placedEventId, null);
    }

    static AuditLink accession(String accessionNumber) {
        return new AuditLink(null, accessionNumber, null, null, null);
    }

    static AuditLink patient(String patient) {
        return new AuditLink(patient, null, null, null, null);
    }

    static AuditLink received(String receivedPatient) {
        return new AuditLink(null, null, null, null, receivedPatient);
    }

    /** A charge or delivery: the order it is for, with what is known of the order. */
    static AuditLink forOrder(AuditLink order, String orderId) {
        return order == null ? new AuditLink(null, null, orderId, null, null)
                : new AuditLink(order.patient, order.accessionNumber, orderId, order.placedEventId,
                        order.receivedPatient);
    }
}
