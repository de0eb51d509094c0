package org.rispacs.query.archive;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonNames;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedSeriesDetails;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * What the archive holds, as QIDO-RS and Query/Retrieve search it: studies, series and instances
 * with their counts, and each study's identity (IHE PIR): as received until the study is linked
 * to an order, then the order's patient and accession, with later merges and demographics
 * corrections applied. Two helper indices, read by id within the batch, know the patients'
 * demographics and the orders' accessions, and which studies each is linked to. Each study keeps
 * the ids of the events that changed its document, whose count is its version (FHIR's versionId).
 */
@Component
@ProcessingGroup(ArchiveProjection.PROCESSING_GROUP)
class ArchiveProjection {

    static final String PROCESSING_GROUP = "archive";
    static final String STUDIES = "archive-studies";
    static final String SERIES = "archive-series";
    static final String INSTANCES = "archive-instances";
    static final String PATIENTS = "archive-patients";
    static final String ORDERS = "archive-orders";

    private final ReadModelIndex studies;
    private final ReadModelIndex series;
    private final ReadModelIndex instances;
    private final ReadModelIndex patients;
    private final ReadModelIndex orders;

    ArchiveProjection(ReadModelIndexes indexes) {
        this.studies = indexes.prepare(PROCESSING_GROUP, STUDIES);
        this.series = indexes.prepare(PROCESSING_GROUP, SERIES);
        this.instances = indexes.prepare(PROCESSING_GROUP, INSTANCES);
        this.patients = indexes.prepare(PROCESSING_GROUP, PATIENTS);
        this.orders = indexes.prepare(PROCESSING_GROUP, ORDERS);
    }

    /** Counts grow only by instances the index does not hold yet, so a replay or a repeat counts nothing twice. */
    @EventHandler
    void on(InstancesReceivedEvent event, EventMessage<?> message) {
        String studyUid = event.studyInstanceUid();
        StudyDocument before = studies.find(studyUid, StudyDocument.class);
        StudyDocument study = before;
        if (study == null || study.received() == null) {
            firstOfStudy(event, study);
            study = studies.find(studyUid, StudyDocument.class);
        }
        Map<String, InstanceDocument> fresh = new LinkedHashMap<>();
        for (ReceivedInstance instance : event.instances()) {
            if (!fresh.containsKey(instance.sopInstanceUid()) && instances.find(instance.sopInstanceUid()) == null) {
                fresh.put(instance.sopInstanceUid(), new InstanceDocument(studyUid, event.seriesInstanceUid(),
                        instance.sopInstanceUid(), instance.sopClassUid(), instance.transferSyntaxUid(),
                        instance.instanceNumber(), instance.rows(), instance.columns(), instance.numberOfFrames(),
                        instance.size()));
            }
        }
        fresh.forEach(instances::put);
        SeriesDocument known = series.find(event.seriesInstanceUid(), SeriesDocument.class);
        ReceivedStudyAttributes attributes = event.attributes();
        String modality = attributes == null ? null : attributes.modality();
        if (known == null) {
            ReceivedSeriesDetails details = event.seriesDetails() == null
                    ? new ReceivedSeriesDetails(null, null, null, null, null) : event.seriesDetails();
            series.put(event.seriesInstanceUid(), new SeriesDocument(studyUid, event.seriesInstanceUid(), modality,
                    details.seriesNumber(), details.seriesDescription(), details.seriesDate(), details.seriesTime(),
                    details.bodyPartExamined(), fresh.size()));
        } else if (!fresh.isEmpty()) {
            series.upsert(event.seriesInstanceUid(), fields("numberOfInstances",
                    known.numberOfInstances() + fresh.size()));
        }
        Set<String> modalities = new LinkedHashSet<>(study.modalitiesInStudy());
        if (modality != null && !modality.isBlank()) {
            modalities.add(modality.strip());
        }
        Set<String> sopClasses = new LinkedHashSet<>(study.sopClassesInStudy());
        fresh.values().stream().map(InstanceDocument::sopClassUid).filter(Objects::nonNull).forEach(sopClasses::add);
        studies.upsert(studyUid, fields(
                "numberOfSeries", study.numberOfSeries() + (known == null ? 1 : 0),
                "numberOfInstances", study.numberOfInstances() + fresh.size(),
                "modalitiesInStudy", List.copyOf(modalities),
                "sopClassesInStudy", List.copyOf(sopClasses)));
        changedBy(studyUid, before, message);
        studies.refreshAfterBatch();
        series.refreshAfterBatch();
        instances.refreshAfterBatch();
    }

    /** The study's attributes and received identity come from its first objects; a study linked already keeps its. */
    private void firstOfStudy(InstancesReceivedEvent event, StudyDocument linkedBefore) {
        ReceivedStudyAttributes attributes = event.attributes() == null
                ? new ReceivedStudyAttributes(null, null, null, null, null, null) : event.attributes();
        ReceivedStudyDetails details = event.studyDetails() == null
                ? new ReceivedStudyDetails(null, null, null, null, null, null) : event.studyDetails();
        ArchiveIdentity received = new ArchiveIdentity(attributes.patientId(), attributes.issuerOfPatientId(),
                attributes.patientName(), details.patientBirthDate(), details.patientSex(),
                attributes.accessionNumber());
        Map<String, Object> study = fields(
                "studyInstanceUid", event.studyInstanceUid(),
                "studyDate", details.studyDate(),
                "studyTime", details.studyTime(),
                "studyId", details.studyId(),
                "studyDescription", attributes.studyDescription(),
                "referringPhysicianName", details.referringPhysicianName(),
                "studyDescriptionMatch", ArchiveMatching.folded(attributes.studyDescription()),
                "referringPhysicianNameMatch", ArchiveMatching.foldedName(details.referringPhysicianName()),
                "referringPhysicianNameWords", ArchiveMatching.nameWords(details.referringPhysicianName()),
                "numberOfSeries", 0,
                "numberOfInstances", 0,
                "received", studies.asDocument(received));
        if (linkedBefore == null || linkedBefore.orderId() == null) {
            study.put("current", studies.asDocument(received));
        }
        studies.upsert(event.studyInstanceUid(), study);
    }

    @EventHandler
    void on(StudyMatchedToOrderEvent event, EventMessage<?> message) {
        linked(event.studyInstanceUid(), event.orderId(), event.patient(), message);
    }

    @EventHandler
    void on(StudyReconciledEvent event, EventMessage<?> message) {
        linked(event.studyInstanceUid(), event.orderId(), event.patient(), message);
    }

    @EventHandler
    void on(StudyLinkedToOrderEvent event, EventMessage<?> message) {
        linked(event.studyInstanceUid(), event.orderId(), event.patient(), message);
    }

    @EventHandler
    void on(StudyAttachedToOrderEvent event, EventMessage<?> message) {
        linked(event.studyInstanceUid(), event.orderId(), event.patient(), message);
    }

    /** From now on the study is the order's: the order's patient (or the one given) and accession. */
    private void linked(String studyUid, String orderId, PatientIdentifier patient, EventMessage<?> message) {
        if (orderId == null) {
            return;
        }
        ArchiveOrder order = orders.find(orderId, ArchiveOrder.class);
        PatientIdentifier owner = patient != null ? patient : patientOf(order);
        StudyDocument study = studies.find(studyUid, StudyDocument.class);
        ArchiveIdentity base = study == null || study.received() == null
                ? new ArchiveIdentity(null, null, null, null, null, null) : study.received();
        ArchiveIdentity current = base.withAccession(order == null ? null : order.accessionNumber());
        if (owner != null) {
            current = current.withPatient(knownPatient(owner, base));
            addStudy(patients, owner.toString(), studyUid);
        }
        studies.upsert(studyUid, fields("studyInstanceUid", studyUid, "orderId", orderId,
                "patientKey", owner == null ? null : owner.toString(), "current", studies.asDocument(current)));
        addStudy(orders, orderId, studyUid);
        changedBy(studyUid, study, message);
        studies.refreshAfterBatch();
    }

    @EventHandler
    void on(StudyPatientReassignedEvent event, EventMessage<?> message) {
        StudyDocument study = studies.find(event.studyInstanceUid(), StudyDocument.class);
        if (study != null && event.patient() != null) {
            moveTo(study, event.patient(), message);
        }
    }

    /** A replaced study goes back to its received identity, as an unmatched study shows. */
    @EventHandler
    void on(StudyDetachedFromOrderEvent event, EventMessage<?> message) {
        StudyDocument study = studies.find(event.studyInstanceUid(), StudyDocument.class);
        if (study != null && event.orderId().equals(study.orderId())) {
            studies.upsert(event.studyInstanceUid(), fields("orderId", null, "patientKey", null,
                    "current", study.received() == null ? null : studies.asDocument(study.received())));
            changedBy(event.studyInstanceUid(), study, message);
            studies.refreshAfterBatch();
        }
    }

    @EventHandler
    void on(PatientRegisteredEvent event, EventMessage<?> message) {
        demographicsChanged(event.patient(), event.demographics(), message);
    }

    @EventHandler
    void on(PatientDemographicsUpdatedEvent event, EventMessage<?> message) {
        demographicsChanged(event.patient(), event.demographics(), message);
    }

    private void demographicsChanged(PatientIdentifier patient, Demographics demographics, EventMessage<?> message) {
        patients.upsert(patient.toString(), fields(
                "patientId", patient.id(),
                "issuerOfPatientId", patient.issuer(),
                "patientName", demographics == null ? null : PersonNames.toDicom(demographics.name()),
                "patientBirthDate", demographics == null || demographics.birthDate() == null ? null
                        : demographics.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE),
                "patientSex", demographics == null ? null : demographics.sex()));
        ArchivePatient known = patients.find(patient.toString(), ArchivePatient.class);
        for (String studyUid : known.studyInstanceUids()) {
            StudyDocument study = studies.find(studyUid, StudyDocument.class);
            if (study != null && patient.toString().equals(study.patientKey())) {
                studies.upsert(studyUid, fields("current", studies.asDocument(study.current().withPatient(known))));
                changedBy(studyUid, study, message);
                studies.refreshAfterBatch();
            }
        }
    }

    /** The merged identity's studies are the survivor's, with the survivor's demographics (HL7 A40). */
    @EventHandler
    void on(PatientsMergedEvent event, EventMessage<?> message) {
        ArchivePatient merged = patients.find(event.merged().toString(), ArchivePatient.class);
        if (merged == null) {
            return;
        }
        for (String studyUid : merged.studyInstanceUids()) {
            StudyDocument study = studies.find(studyUid, StudyDocument.class);
            if (study != null && event.merged().toString().equals(study.patientKey())) {
                moveTo(study, event.survivor(), message);
            }
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        orders.upsert(event.orderId(), fields("patientId", event.patient().id(),
                "issuerOfPatientId", event.patient().issuer()));
    }

    @EventHandler
    void on(AccessionAssignedEvent event, EventMessage<?> message) {
        orders.upsert(event.orderId(), fields("accessionNumber", event.accessionNumber()));
        for (StudyDocument study : studiesOf(event.orderId())) {
            studies.upsert(study.studyInstanceUid(), fields("current",
                    studies.asDocument(study.current().withAccession(event.accessionNumber()))));
            changedBy(study.studyInstanceUid(), study, message);
            studies.refreshAfterBatch();
        }
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event, EventMessage<?> message) {
        orders.upsert(event.orderId(), fields("patientId", event.patient().id(),
                "issuerOfPatientId", event.patient().issuer()));
        for (StudyDocument study : studiesOf(event.orderId())) {
            moveTo(study, event.patient(), message);
        }
    }

    @ResetHandler
    void reset() {
        studies.recreate();
        series.recreate();
        instances.recreate();
        patients.recreate();
        orders.recreate();
    }

    private void moveTo(StudyDocument study, PatientIdentifier patient, EventMessage<?> message) {
        ArchiveIdentity base = study.current() == null ? new ArchiveIdentity(null, null, null, null, null, null)
                : study.current();
        ArchiveIdentity current = base.withPatient(knownPatient(patient, study.received()));
        studies.upsert(study.studyInstanceUid(), fields("patientKey", patient.toString(),
                "current", studies.asDocument(current)));
        addStudy(patients, patient.toString(), study.studyInstanceUid());
        changedBy(study.studyInstanceUid(), study, message);
        studies.refreshAfterBatch();
    }

    /**
     * Counts the event as a change of the study if its document differs from {@code before}: once
     * per event, however often it is handled, and not for an event that only wrote what was there.
     */
    private void changedBy(String studyUid, StudyDocument before, EventMessage<?> message) {
        StudyDocument known = studies.find(studyUid, StudyDocument.class);
        if (known == null || known.events().contains(message.getIdentifier())
                || before != null && known.withoutVersion().equals(before.withoutVersion())) {
            return;
        }
        List<String> events = new ArrayList<>(known.events());
        events.add(message.getIdentifier());
        Instant at = message.getTimestamp();
        Instant lastUpdated = known.lastUpdated() == null || at.isAfter(known.lastUpdated()) ? at
                : known.lastUpdated();
        studies.upsert(studyUid, fields("events", events, "lastUpdated", lastUpdated.toString()));
    }

    /** The studies still linked to the order. */
    private List<StudyDocument> studiesOf(String orderId) {
        ArchiveOrder order = orders.find(orderId, ArchiveOrder.class);
        List<StudyDocument> linked = new ArrayList<>();
        for (String studyUid : order == null ? List.<String>of() : order.studyInstanceUids()) {
            StudyDocument study = studies.find(studyUid, StudyDocument.class);
            if (study != null && orderId.equals(study.orderId()) && study.current() != null) {
                linked.add(study);
            }
        }
        return linked;
    }

    /**
     * The patient's demographics as the RIS knows them; a patient it never registered keeps the
     * name, birth date and sex the objects carried.
     */
    private ArchivePatient knownPatient(PatientIdentifier patient, ArchiveIdentity received) {
        ArchivePatient known = patients.find(patient.toString(), ArchivePatient.class);
        if (known != null && known.patientName() != null) {
            return new ArchivePatient(patient.id(), patient.issuer(), known.patientName(), known.patientBirthDate(),
                    known.patientSex(), List.of());
        }
        return new ArchivePatient(patient.id(), patient.issuer(), received == null ? null : received.patientName(),
                received == null ? null : received.patientBirthDate(),
                received == null ? null : received.patientSex(), List.of());
    }

    private static PatientIdentifier patientOf(ArchiveOrder order) {
        return order == null || order.patientId() == null || order.issuerOfPatientId() == null ? null
                : new PatientIdentifier(order.patientId(), order.issuerOfPatientId());
    }

    private static void addStudy(ReadModelIndex index, String id, String studyUid) {
        Map<String, Object> known = index.find(id);
        List<String> studyUids = new ArrayList<>();
        if (known != null && known.get("studyInstanceUids") instanceof List<?> listed) {
            listed.forEach(uid -> studyUids.add(uid.toString()));
        }
        if (!studyUids.contains(studyUid)) {
            studyUids.add(studyUid);
            index.upsert(id, fields("studyInstanceUids", studyUids));
        }
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
