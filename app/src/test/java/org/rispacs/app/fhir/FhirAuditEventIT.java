package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rispacs.app.fhir.FhirTestClient.FHIR;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.FhirAuditRecordMatches;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FindFhirPatientQuery;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail over FHIR as an auditor's tool reads it, through HAPI's generic client: a patient
 * is registered, an order placed over REST, the patient read and searched over FHIR by a technologist;
 * then the auditor finds those events as AuditEvents by patient, date range, agent and entity, and
 * reads one. Every resource answered is valid R4 by HAPI's validator; reading the trail is itself
 * recorded as an access; those without audit rights are refused and leave no trace.
 *
 * <p>Searching a patient's AuditEvents adds one event to that patient's trail, so the test waits for
 * what it produced through the query bus (which records nothing) before it searches over FHIR.
 */
class FhirAuditEventIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String EVENTS = "urn:rispacs:audit-event";
    private static final String AUDITOR = "fhir-auditor";
    private static final String AUDITOR_PASSWORD = "auditor-password-1";
    private static final String TECHNOLOGIST = "fhir-technologist";
    private static final String TECHNOLOGIST_PASSWORD = "technologist-password-1";

    @Autowired
    private UserAccounts accounts;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
    }

    @BeforeEach
    void users() {
        accounts.createIfAbsent(AUDITOR, "Audrey Auditor", AUDITOR_PASSWORD, EnumSet.of(Role.AUDITOR), false);
        accounts.createIfAbsent(TECHNOLOGIST, "Tom Technologist", TECHNOLOGIST_PASSWORD,
                EnumSet.of(Role.TECHNOLOGIST), false);
    }

    @Test
    void theCapabilityStatementOffersAuditEventReadAndItsSearchParameters() {
        CapabilityStatement capabilities = server().client(null, null).capabilities().ofType(CapabilityStatement.class)
                .execute();

        valid(capabilities);
        CapabilityStatementRestResourceComponent audit = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("AuditEvent")).findFirst().orElseThrow();
        assertThat(audit.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(audit.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("patient", "entity", "agent", "agent-name", "subtype", "date");
    }

    @Test
    void anAuditorFindsAPatientsTrailByPatientDateAgentAndEntityAndReadsOneEvent() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("FA-" + run, "HOSP");
        String patientId = FhirPatientIds.of(patient);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        TestCommands.send(commands, TestApi.USER, new RegisterPatientCommand(patient, new Demographics(
                new PersonName("Audit", "Ada", null, null, null), LocalDate.of(1975, 6, 7), "F")));
        JsonNode placed = TestApi.client(port).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patient.id(), "patientIdIssuer", patient.issuer(), "procedureCode",
                        "CTHEAD", "modality", "CT", "priority", "ROUTINE"))
                .retrieve().body(JsonNode.class);
        String orderId = placed.path("orderId").asText();
        eventually(() -> queries.query(new FindFhirPatientQuery(patientId),
                ResponseTypes.optionalInstanceOf(FhirPatient.class)).join(), found -> found.isPresent());
        IGenericClient technologist = server().client(TECHNOLOGIST, TECHNOLOGIST_PASSWORD);
        technologist.read().resource(Patient.class).withId(patientId).execute();
        technologist.search().byUrl("Patient?identifier=" + patient.id()).returnBundle(Bundle.class).execute();
        // through the query bus, which records nothing: the trail holds all four kinds of event
        List<FhirAuditRecord> produced = eventually(() -> trailOf(patient), trail -> trail.stream()
                .map(FhirAuditRecord::type).toList().containsAll(List.of("PatientRegisteredEvent",
                        "OrderPlacedEvent", "PatientDataViewedEvent"))
                && trail.stream().filter(event -> event.type().equals("PatientDataViewedEvent")).count() == 2);
        Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IGenericClient auditor = server().client(AUDITOR, AUDITOR_PASSWORD);

        // by patient: every event of the trail, oldest first, each a valid AuditEvent naming the patient
        List<AuditEvent> trail = events(searchByUrl(auditor, "AuditEvent?patient=Patient/" + patientId));
        assertThat(trail).extracting(event -> event.getIdElement().getIdPart())
                .containsAll(produced.stream().map(FhirAuditRecord::eventId).toList());
        assertThat(trail).extracting(AuditEvent::getRecorded).isSorted();
        assertThat(trail).allSatisfy(event -> assertThat(event.getEntity())
                .anySatisfy(entity -> assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + patientId)));

        AuditEvent registered = only(trail, "PatientRegistered");
        assertThat(code(registered.getType())).isEqualTo(DCM + "|110110");
        assertThat(registered.getAction()).isEqualTo(AuditEventAction.C);
        assertThat(registered.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(registered.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(registered.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(TestApi.USER);
        AuditEventEntityComponent patientEntity = registered.getEntityFirstRep();
        assertThat(patientEntity.getWhat().getIdentifier().getSystem()).isEqualTo(HOSPITAL_MRN);
        assertThat(patientEntity.getWhat().getIdentifier().getValue()).isEqualTo(patient.id());
        assertThat(patientEntity.getRole().getCode()).isEqualTo("1");

        AuditEvent ordered = only(trail, "OrderPlaced");
        assertThat(code(ordered.getType())).isEqualTo(DCM + "|110109");
        assertThat(ordered.getAction()).isEqualTo(AuditEventAction.C);
        assertThat(ordered.getAgentFirstRep().getName()).isEqualTo(TestApi.USER);
        assertThat(ordered.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("127.0.0.1");
        assertThat(ordered.getEntity()).extracting(entity -> entity.getWhat().getReference())
                .contains("Patient/" + patientId, "ServiceRequest/" + orderId);

        AuditEvent read = viewed(trail, "fhir-patient");
        assertThat(code(read.getType())).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type|rest");
        assertThat(read.getSubtype()).extracting(FhirAuditEventIT::code)
                .contains("http://hl7.org/fhir/restful-interaction|read");
        assertThat(read.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(read.getAgentFirstRep().getName()).isEqualTo(TECHNOLOGIST);
        assertThat(read.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("127.0.0.1");
        AuditEvent searched = viewed(trail, "fhir-patient-search");
        assertThat(searched.getSubtype()).extracting(FhirAuditEventIT::code)
                .contains("http://hl7.org/fhir/restful-interaction|search-type");
        assertThat(searched.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(searched.getEntity()).filteredOn(entity -> entity.getRole().getCode().equals("24"))
                .singleElement().satisfies(query -> assertThat(new String(query.getQuery(), StandardCharsets.UTF_8))
                        .isEqualTo("/fhir/Patient?identifier=" + patient.id()));

        // by date: the range holds what was produced within it, and only that; before it, nothing of this patient
        String range = "&date=ge" + before + "&date=lt" + after;
        List<AuditEvent> inRange = events(searchByUrl(auditor, "AuditEvent?patient=" + patientId + range));
        assertThat(idsOf(inRange)).containsAll(produced.stream().map(FhirAuditRecord::eventId).toList());
        assertThat(inRange).extracting(event -> event.getRecorded().toInstant())
                .allSatisfy(recorded -> assertThat(recorded).isBetween(before, after.minusMillis(1)));
        assertThat(inRange).as("no view of the trail itself: those came after")
                .noneMatch(event -> event.getAgentFirstRep().getName().equals(AUDITOR));
        assertThat(searchByUrl(auditor, "AuditEvent?patient=" + patientId + "&date=lt" + before).getEntry())
                .isEmpty();

        // by agent (user name) and by the start of the agent's name: the technologist's two views only
        List<AuditEvent> byAgent = events(searchByUrl(auditor, "AuditEvent?agent=" + TECHNOLOGIST + range));
        assertThat(byAgent).extracting(event -> event.getIdElement().getIdPart())
                .containsExactly(read.getIdElement().getIdPart(), searched.getIdElement().getIdPart());
        assertThat(ids(searchByUrl(auditor, "AuditEvent?agent-name=FHIR-TECH" + range)))
                .containsExactlyElementsOf(idsOf(byAgent));

        // by entity: the order's events
        List<AuditEvent> byOrder = events(searchByUrl(auditor, "AuditEvent?entity=ServiceRequest/" + orderId));
        assertThat(byOrder).extracting(event -> event.getIdElement().getIdPart())
                .contains(ordered.getIdElement().getIdPart());
        assertThat(byOrder).allSatisfy(event -> assertThat(event.getEntity())
                .anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                        .isEqualTo("ServiceRequest/" + orderId)));

        // by subtype: the event's name
        assertThat(ids(searchByUrl(auditor, "AuditEvent?patient=" + patientId + "&subtype=" + EVENTS + "|OrderPlaced")))
                .containsExactly(ordered.getIdElement().getIdPart());

        // read: the same resource, at version 1
        AuditEvent again = auditor.read().resource(AuditEvent.class).withId(ordered.getIdElement().getIdPart())
                .execute();
        valid(again);
        assertThat(FHIR.newJsonParser().encodeResourceToString(again.setMeta(null)))
                .isEqualTo(FHIR.newJsonParser().encodeResourceToString(ordered.copy().setMeta(null)));
        HttpResponse<String> raw = server().get("/fhir/AuditEvent/" + ordered.getIdElement().getIdPart(), AUDITOR,
                AUDITOR_PASSWORD);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"1\"");

        // reading the trail is itself an access: each answer that showed events one view by the auditor, naming
        // the patient: six searches (the one before the range showed nothing) and two reads
        List<AuditEntry> views = eventually(() -> auditViews(after), found -> found.size() >= 8);
        assertThat(views).hasSize(8);
        assertThat(views).allSatisfy(view -> {
            assertThat(view.actor()).isEqualTo(AUDITOR);
            assertThat(view.channel()).isEqualTo("fhir");
            assertThat(view.source()).startsWith("GET /fhir/AuditEvent");
        });
        assertThat(views).allSatisfy(view -> assertThat(view.patients()).containsExactly(patient.toString()));
        assertThat(views).filteredOn(view -> view.payload().contains("\"fhir-audit-event-search\"")).hasSize(6);
        assertThat(views).filteredOn(view -> view.payload().contains("\"fhir-audit-event\"")).hasSize(2);
    }

    @Test
    void thoseWithoutAuditRightsAreRefusedBadSearchesAreOperationOutcomesAndNeitherLeavesATrace() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("FX-" + run, "HOSP");
        String patientId = FhirPatientIds.of(patient);
        TestCommands.send(commands, TestApi.USER, new RegisterPatientCommand(patient, new Demographics(
                new PersonName("Refused", "Rex", null, null, null), LocalDate.of(1981, 2, 3), "M")));
        eventually(() -> queries.query(new FindFhirPatientQuery(patientId),
                ResponseTypes.optionalInstanceOf(FhirPatient.class)).join(), found -> found.isPresent());
        String eventId = eventually(() -> trailOf(patient), trail -> trail.size() == 1).get(0).eventId();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        IGenericClient technologist = server().client(TECHNOLOGIST, TECHNOLOGIST_PASSWORD);
        ForbiddenOperationException searching = catchThrowableOfType(ForbiddenOperationException.class,
                () -> technologist.search().byUrl("AuditEvent?patient=" + patientId).returnBundle(Bundle.class)
                        .execute());
        assertThat(searching).as("a technologist's search of the trail is refused").isNotNull();
        assertThat(searching.getStatusCode()).isEqualTo(403);
        assertThat(outcome(searching).getIssueFirstRep().getCode().toCode()).isEqualTo("forbidden");
        HttpResponse<String> reading = server().get("/fhir/AuditEvent/" + eventId, TECHNOLOGIST, TECHNOLOGIST_PASSWORD);
        assertThat(reading.statusCode()).isEqualTo(403);
        assertThat(reading.body()).doesNotContain(patient.id()).doesNotContain(patientId);
        accounts.createIfAbsent("fhir-audit-billing", "Billing Clerk", "billing-password-1", EnumSet.of(Role.BILLING),
                false);
        assertThat(server().get("/fhir/AuditEvent?patient=" + patientId, "fhir-audit-billing", "billing-password-1")
                .statusCode()).isEqualTo(403);
        assertThat(server().get("/fhir/AuditEvent/" + eventId, null, null).statusCode()).isEqualTo(401);

        IGenericClient auditor = server().client(AUDITOR, AUDITOR_PASSWORD);
        for (String bad : List.of("AuditEvent", "AuditEvent?nickname=x", "AuditEvent?date=ne2026",
                "AuditEvent?date=2025,2026", "AuditEvent?date=yesterday", "AuditEvent?patient=Practitioner/x",
                "AuditEvent?agent=Practitioner/x", "AuditEvent?entity=Location/x", "AuditEvent?entity=x",
                "AuditEvent?agent-name:contains=x",
                "AuditEvent?subtype=http://hl7.org/fhir/restful-interaction|read",
                "AuditEvent?patient=" + patientId + "&_count=-1")) {
            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
                    () -> auditor.search().byUrl(bad).returnBundle(Bundle.class).execute());
            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.getStatusCode()).as(bad).isEqualTo(400);
            outcome(refused);
        }
        TestCommands.send(commands, TestApi.USER, new RegisterPatientCommand(new PatientIdentifier("FX2-" + run,
                "HOSP"), new Demographics(new PersonName("Other", "Otto", null, null, null), LocalDate.of(1982, 3, 4),
                "M")));
        String agentRange = "AuditEvent?agent=" + TestApi.USER + "&date=ge" + before.minusSeconds(60);
        eventually(() -> queries.query(new SearchFhirAuditRecordsQuery(null, null, null, null, TestApi.USER, null,
                        null, before.minusSeconds(60), null, 0, 10),
                ResponseTypes.instanceOf(FhirAuditRecordMatches.class)).join(), found -> found.records().size() >= 2);
        ResourceNotFoundException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> auditor.read().resource(AuditEvent.class).withId(UUID.randomUUID().toString()).execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        outcome(unknown);
        assertThat(searchByUrl(auditor, "AuditEvent?patient=0123456789abcdef0123456789abcdef").getEntry())
                .as("a patient the RIS does not know").isEmpty();

        // then one read that shows the patient: the only access to the trail recorded since the refusals began
        auditor.read().resource(AuditEvent.class).withId(eventId).execute();
        List<AuditEntry> views = eventually(() -> auditViews(before), found -> !found.isEmpty());
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.actor()).isEqualTo(AUDITOR);
            assertThat(view.source()).startsWith("GET /fhir/AuditEvent/" + eventId);
            assertThat(view.patients()).containsExactly(patient.toString());
        });

        // a page at a time, the next link leading on
        Bundle page = searchByUrl(auditor, agentRange + "&_count=1");
        assertThat(page.getEntry()).hasSize(1);
        assertThat(page.getTotal()).isGreaterThanOrEqualTo(2);
        Bundle next = auditor.loadPage().next(page).execute();
        assertThat(next.getEntry()).hasSize(1);
        assertThat(next.getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isNotEqualTo(page.getEntryFirstRep().getResource().getIdElement().getIdPart());
    }

    /** A patient's trail through the query bus, which records no access. */
    private List<FhirAuditRecord> trailOf(PatientIdentifier patient) {
        return queries.query(new SearchFhirAuditRecordsQuery(patient.toString(), null, null, null, null, null, null,
                null, null, 0, 100), ResponseTypes.instanceOf(FhirAuditRecordMatches.class)).join().records();
    }

    /** The views of the trail over FHIR since an instant, through the query bus. */
    private List<AuditEntry> auditViews(Instant since) {
        return queries.query(new FindAuditTimelineQuery(null, null, null, null, null, null, since, null, 0, 1000),
                        ResponseTypes.multipleInstancesOf(AuditEntry.class)).join().stream()
                .filter(entry -> entry.type().equals("PatientDataViewedEvent"))
                .filter(entry -> entry.payload().contains("\"fhir-audit-event")).toList();
    }

    private static AuditEvent only(List<AuditEvent> trail, String eventName) {
        List<AuditEvent> found = trail.stream().filter(event -> event.getSubtype().stream()
                .anyMatch(subtype -> code(subtype).equals(EVENTS + "|" + eventName))).toList();
        assertThat(found).as(eventName).hasSize(1);
        return found.get(0);
    }

    private static AuditEvent viewed(List<AuditEvent> trail, String view) {
        List<AuditEvent> found = trail.stream().filter(event -> event.getSubtype().stream()
                .anyMatch(subtype -> code(subtype).equals("urn:rispacs:view|" + view))).toList();
        assertThat(found).as(view).hasSize(1);
        return found.get(0);
    }

    private static String code(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static List<AuditEvent> events(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
    }

    private static List<String> idsOf(List<AuditEvent> events) {
        return events.stream().map(event -> event.getIdElement().getIdPart()).toList();
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
