package org.rispacs.fhir.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.fhir.patient.IdentifierSystems;

/**
 * An event of the audit trail as a FHIR R4 {@code AuditEvent}, shaped after IHE BALP: its kind
 * ({@link AuditEventKinds}) gives type, subtype and action; the actor is the requesting agent, with
 * the network address its request came from; our system is the observer; the patients, orders,
 * studies, reports, accession numbers and user accounts it concerns are its entities, and a FHIR
 * search's request is the query entity.
 */
public final class AuditEventResources {

    /** Our own code system: the event's type as the event store names it ({@code OrderPlaced}). */
    static final String EVENT_TYPES = "urn:rispacs:audit-event";
    /** Our own code system: the view a {@code PatientDataViewed} event names ({@code fhir-patient}). */
    static final String VIEWS = "urn:rispacs:view";
    /** Who acted: a user name or an interface ({@code hl7:EPIC/HOSP}). */
    static final String ACTORS = "urn:rispacs:actor";
    static final String OBSERVER = "ris-pacs";

    private static final String ENTITY_TYPES = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLES = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String SOURCE_TYPES = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String ROLE_TYPES = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    private static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final String FROM = " from ";

    private final IdentifierSystems systems;

    public AuditEventResources(IdentifierSystems systems) {
        this.systems = systems;
    }

    public AuditEvent toResource(FhirAuditRecord event) {
        AuditEventKind kind = AuditEventKinds.of(event);
        AuditEvent resource = new AuditEvent();
        resource.setId(event.eventId());
        // an event is a fact: it never changes, so every AuditEvent is at its first version
        resource.getMeta().setVersionId("1");
        resource.getMeta().setLastUpdated(Date.from(event.recorded()));
        resource.setType(kind.type().coding());
        if (kind.subtype() != null) {
            resource.addSubtype(kind.subtype());
        }
        resource.addSubtype(new Coding(EVENT_TYPES, eventName(event.type()), eventName(event.type())));
        String view = event.fields().get("view");
        if (AuditEventKinds.VIEWED.equals(event.type()) && view != null) {
            resource.addSubtype(new Coding(VIEWS, view, view));
        }
        resource.setAction(kind.action());
        resource.setRecorded(Date.from(event.recorded()));
        resource.setOutcome(AuditEventKinds.outcome(event));
        String failure = failure(event);
        if (failure != null && resource.getOutcome() != AuditEvent.AuditEventOutcome._0) {
            resource.setOutcomeDesc(failure);
        }
        resource.addAgent(agent(event));
        resource.getSource().setObserver(new Reference().setDisplay(OBSERVER)
                        .setIdentifier(new Identifier().setValue(OBSERVER)))
                .addType(new Coding(SOURCE_TYPES, "4", "Application Server"));
        entities(resource, event);
        return resource;
    }

    /** The event's type without the {@code Event} suffix every event class has. */
    static String eventName(String type) {
        return type != null && type.endsWith("Event") && type.length() > "Event".length()
                ? type.substring(0, type.length() - "Event".length()) : String.valueOf(type);
    }

    private static AuditEventAgentComponent agent(FhirAuditRecord event) {
        String actor = event.actor() == null || event.actor().isBlank() ? "unknown" : event.actor();
        AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true).setName(actor);
        agent.setWho(new Reference().setDisplay(actor).setIdentifier(new Identifier().setSystem(ACTORS)
                .setValue(actor)));
        agent.setType(interfaceActor(actor)
                ? new CodeableConcept(new Coding(AuditEventType.DCM, "110150", "Application"))
                : new CodeableConcept(new Coding(ROLE_TYPES, "humanuser", "human user")));
        String address = address(event);
        if (address != null) {
            agent.getNetwork().setAddress(address).setType(IP_ADDRESS.matcher(address).matches()
                    ? AuditEventAgentNetworkType._2 : AuditEventAgentNetworkType._1);
        }
        return agent;
    }

    /** An interface or the system acting on its own rather than a person signed in. */
    static boolean interfaceActor(String actor) {
        return actor.contains(":") || "system".equals(actor) || OBSERVER.equals(actor);
    }

    /** The network address of an HTTP or FHIR request, from its source ({@code GET /path from 10.0.0.7}). */
    static String address(FhirAuditRecord event) {
        if (event.source() == null || !("http".equals(event.channel()) || "fhir".equals(event.channel()))) {
            return null;
        }
        int from = event.source().lastIndexOf(FROM);
        String address = from < 0 ? "" : event.source().substring(from + FROM.length()).strip();
        return address.isEmpty() ? null : address;
    }

    /** The request of a FHIR search ({@code /fhir/Patient?name=x}), from its source; null for anything else. */
    static String searchRequest(FhirAuditRecord event) {
        if (!AuditEventKinds.VIEWED.equals(event.type()) || !AuditEventKinds.FHIR_CHANNEL.equals(event.channel())
                || !AuditEventKinds.searched(event.fields().get("view")) || event.source() == null) {
            return null;
        }
        String request = event.source();
        int from = request.lastIndexOf(FROM);
        request = from < 0 ? request : request.substring(0, from);
        int space = request.indexOf(' ');
        request = (space < 0 ? request : request.substring(space + 1)).strip();
        return request.isEmpty() ? null : request;
    }

    private static String failure(FhirAuditRecord event) {
        for (String field : new String[] {"lastError", "error", "reason", "detail"}) {
            String value = event.fields().get(field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private void entities(AuditEvent resource, FhirAuditRecord event) {
        for (String patient : event.patients()) {
            resource.addEntity(patientEntity(patient));
        }
        for (String orderId : event.orderIds()) {
            resource.addEntity(entity("2", "4", "Domain Resource").setWhat(new Reference("ServiceRequest/" + orderId)));
        }
        for (String accession : event.accessionNumbers()) {
            resource.addEntity(entity("2", "4", "Domain Resource").setWhat(new Reference().setIdentifier(
                    new Identifier().setType(new CodeableConcept(new Coding(IDENTIFIER_TYPES, "ACSN",
                            "Accession ID"))).setValue(accession))));
        }
        for (String study : event.studyInstanceUids()) {
            resource.addEntity(entity("2", "4", "Domain Resource").setWhat(new Reference("ImagingStudy/" + study)
                    .setIdentifier(new Identifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + study))));
        }
        for (String report : event.reportIds()) {
            resource.addEntity(entity("2", "3", "Report").setWhat(new Reference("DiagnosticReport/" + report)));
        }
        for (String user : event.users()) {
            resource.addEntity(entity("1", "11", "Security User Entity").setWhat(new Reference().setDisplay(user)
                    .setIdentifier(new Identifier().setSystem(ACTORS).setValue(user))));
        }
        String search = searchRequest(event);
        if (search != null) {
            resource.addEntity(entity("2", "24", "Query").setQuery(search.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private AuditEventEntityComponent patientEntity(String patient) {
        AuditEventEntityComponent entity = entity("1", "1", "Patient");
        Optional<PatientIdentifier> identified = identified(patient);
        if (identified.isEmpty()) {
            // a study's patient as a modality sent it, without issuer: no Patient resource to point at
            return entity.setWhat(new Reference().setIdentifier(new Identifier().setValue(patient)));
        }
        PatientIdentifier identifier = identified.get();
        return entity.setWhat(new Reference("Patient/" + FhirPatientIds.of(identifier)).setIdentifier(
                new Identifier().setSystem(systems.systemOf(identifier.issuer())).setValue(identifier.id())));
    }

    /** A patient in CX notation ({@code id^^^issuer}) as an identifier; empty when it names no issuer. */
    static Optional<PatientIdentifier> identified(String cx) {
        int separator = cx == null ? -1 : cx.indexOf("^^^");
        if (separator <= 0 || cx.substring(separator + 3).isBlank() || cx.substring(0, separator).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PatientIdentifier(cx.substring(0, separator), cx.substring(separator + 3)));
    }

    private static AuditEventEntityComponent entity(String type, String role, String roleDisplay) {
        AuditEventEntityComponent entity = new AuditEventEntityComponent();
        entity.setType(new Coding(ENTITY_TYPES, type, "1".equals(type) ? "Person" : "System Object"));
        entity.setRole(new Coding(OBJECT_ROLES, role, roleDisplay));
        return entity;
    }
}
