package org.rispacs.query.order;

import org.rispacs.api.common.PatientIdentifier;

/** An order document's patient, the fields of {@link org.rispacs.api.order.OrderView} that name it. */
record OrderPatient(String patientId, String patientIdIssuer) {

    static OrderPatient of(PatientIdentifier patient) {
        return new OrderPatient(patient.id(), patient.issuer());
    }
}
