package org.rispacs.query.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsAccession;
import org.rispacs.api.concerns.ConcernsCharge;
import org.rispacs.api.concerns.ConcernsDelivery;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatients;
import org.rispacs.api.concerns.ConcernsReceivedStudy;
import org.rispacs.api.concerns.ConcernsReport;
import org.rispacs.api.concerns.ConcernsStudy;
import org.rispacs.api.concerns.ConcernsUser;
import org.rispacs.api.concerns.ReceivedIdentifiers;

/**
 * What an event names itself, as it declares through the {@code Concerns*} interfaces of the api;
 * what it concerns through the orders, studies, charges and deliveries it names is added by the
 * projection from what it remembers of them. (A patient's events name the patient whose aggregate
 * they belong to, so the aggregate's identifier adds nothing.)
 *
 * @param patients      in CX notation ({@code id^^^issuer}); a received study's patient as the modality sent it
 * @param accessions    normalised where the value can be an accession number, as written otherwise
 * @param linked        the charges and deliveries named, found through the order they are for
 * @param users         the user account a security event concerns
 */
record EventConcerns(
        Set<String> patients,
        Set<String> accessions,
        Set<String> studies,
        Set<String> orders,
        Set<String> reports,
        Set<String> linked,
        List<String> users) {

    static EventConcerns of(Object event) {
        Set<String> patients = new LinkedHashSet<>();
        Set<String> accessions = new LinkedHashSet<>();
        Set<String> studies = new LinkedHashSet<>();
        Set<String> orders = new LinkedHashSet<>();
        Set<String> reports = new LinkedHashSet<>();
        Set<String> linked = new LinkedHashSet<>();
        List<String> users = List.of();
        if (event instanceof ConcernsPatients concerns) {
            concerns.patients().stream().map(PatientIdentifier::toString).forEach(patients::add);
        }
        if (event instanceof ConcernsOrder concerns) {
            addText(orders, concerns.orderId());
        }
        if (event instanceof ConcernsStudy concerns) {
            addText(studies, concerns.studyInstanceUid());
        }
        if (event instanceof ConcernsReport concerns) {
            addText(reports, concerns.reportId());
        }
        if (event instanceof ConcernsAccession concerns) {
            addAccession(accessions, concerns.accessionNumber());
        }
        if (event instanceof ConcernsReceivedStudy received && received.attributes() != null) {
            ReceivedIdentifiers sent = received.attributes();
            addAccession(accessions, sent.accessionNumber());
            addText(patients, receivedPatient(sent.patientId(), sent.issuerOfPatientId()));
        }
        if (event instanceof ConcernsCharge concerns) {
            addText(linked, concerns.chargeId());
        }
        if (event instanceof ConcernsDelivery concerns) {
            addText(linked, concerns.deliveryId());
        }
        if (event instanceof ConcernsUser concerns && concerns.username() != null) {
            users = List.of(concerns.username());
        }
        return new EventConcerns(patients, accessions, studies, orders, reports, linked, users);
    }

    /** The orders, studies, charges and deliveries named: what the projection remembers more about. */
    Set<String> remembered() {
        Set<String> keys = new LinkedHashSet<>(orders);
        keys.addAll(studies);
        keys.addAll(linked);
        return keys;
    }

    /** A patient as a modality sent it: its id, qualified by its issuer when it sent one. */
    static String receivedPatient(String id, String issuer) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.strip() + (issuer == null || issuer.isBlank() ? "" : "^^^" + issuer);
    }

    private static void addText(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    private static void addAccession(Set<String> accessions, String value) {
        if (value != null) {
            try {
                AccessionNumbers.normalise(value).ifPresent(accessions::add);
            } catch (IllegalArgumentException notAnAccession) {
                accessions.add(value);
            }
        }
    }
}
