package org.rispacs.query.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The patients as FHIR {@code Patient} resources show them, keyed by their resource id: registered
 * ones with their demographics, and identities known only from an order or a merge with their
 * identifier alone. A merge leaves the merged identity inactive and pointing at its survivor, and
 * the survivor naming what it replaces. Each event that changes a patient counts once towards its
 * version however often it is handled (the events are kept: their ids, and where they are stored, which a
 * history reads them from again), so a replay converges.
 */
@Component
@ProcessingGroup(FhirPatientProjection.PROCESSING_GROUP)
class FhirPatientProjection {

    static final String PROCESSING_GROUP = "fhir-patients";
    static final String PATIENTS = "fhir-patients";

    private final ReadModelIndex patients;

    FhirPatientProjection(ReadModelIndexes indexes) {
        this.patients = indexes.prepare(PROCESSING_GROUP, PATIENTS);
    }

    @EventHandler
    void on(PatientRegisteredEvent event, EventMessage<?> message) {
        demographics(event.patient(), event.demographics(), message);
    }

    @EventHandler
    void on(PatientDemographicsUpdatedEvent event, EventMessage<?> message) {
        demographics(event.patient(), event.demographics(), message);
    }

    @EventHandler
    void on(PatientsMergedEvent event, EventMessage<?> message) {
        known(event.merged(), message);
        patients.upsert(FhirPatientIds.of(event.merged()), fields("active", false,
                "replacedBy", patients.asDocument(event.survivor())));
        changedBy(event.merged(), message);
        known(event.survivor(), message);
        FhirPatientDocument survivor = find(event.survivor());
        if (!survivor.replaces().contains(event.merged())) {
            List<Object> replaces = new ArrayList<>();
            survivor.replaces().forEach(one -> replaces.add(patients.asDocument(one)));
            replaces.add(patients.asDocument(event.merged()));
            patients.upsert(survivor.resourceId(), fields("replaces", replaces));
        }
        changedBy(event.survivor(), message);
        patients.refreshAfterBatch();
    }

    /** An order may name a patient never registered here (the REST API takes any identifier). */
    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        known(event.patient(), message);
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event, EventMessage<?> message) {
        known(event.patient(), message);
    }

    @ResetHandler
    void reset() {
        patients.recreate();
    }

    private void demographics(PatientIdentifier patient, Demographics demographics, EventMessage<?> message) {
        PersonName name = demographics == null ? null : demographics.name();
        patients.upsert(FhirPatientIds.of(patient), fields(
                "resourceId", FhirPatientIds.of(patient),
                "patientId", patient.id(),
                "issuerOfPatientId", patient.issuer(),
                "family", name == null ? null : name.family(),
                "given", name == null ? null : name.given(),
                "middle", name == null ? null : name.middle(),
                "prefix", name == null ? null : name.prefix(),
                "suffix", name == null ? null : name.suffix(),
                "nameMatch", FhirPatientNames.matchValues(name),
                "birthDate", demographics == null || demographics.birthDate() == null ? null
                        : demographics.birthDate().toString(),
                "sex", demographics == null ? null : demographics.sex()));
        changedBy(patient, message);
        patients.refreshAfterBatch();
    }

    /** A patient record with its identifier, created by the event if there was none. */
    private void known(PatientIdentifier patient, EventMessage<?> message) {
        if (find(patient) == null) {
            patients.upsert(FhirPatientIds.of(patient), fields("resourceId", FhirPatientIds.of(patient),
                    "patientId", patient.id(), "issuerOfPatientId", patient.issuer()));
            changedBy(patient, message);
            patients.refreshAfterBatch();
        }
    }

    private void changedBy(PatientIdentifier patient, EventMessage<?> message) {
        FhirPatientDocument known = find(patient);
        if (known.changes().stream().anyMatch(change -> change.event().equals(message.getIdentifier()))) {
            return;
        }
        List<Object> changes = new ArrayList<>();
        known.changes().forEach(change -> changes.add(patients.asDocument(change)));
        changes.add(patients.asDocument(message instanceof DomainEventMessage<?> domain
                ? new FhirPatientChange(message.getIdentifier(), domain.getAggregateIdentifier(),
                        domain.getSequenceNumber())
                : new FhirPatientChange(message.getIdentifier(), null, null)));
        Instant at = message.getTimestamp();
        Instant lastUpdated = known.lastUpdated() == null || at.isAfter(known.lastUpdated()) ? at
                : known.lastUpdated();
        patients.upsert(known.resourceId(), fields("changes", changes, "lastUpdated", lastUpdated.toString()));
    }

    private FhirPatientDocument find(PatientIdentifier patient) {
        return patients.find(FhirPatientIds.of(patient), FhirPatientDocument.class);
    }

    /** A partial document; unlike {@code Map.of} it takes null values, which clear a field. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
