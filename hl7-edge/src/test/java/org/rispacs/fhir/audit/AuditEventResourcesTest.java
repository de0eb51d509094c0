package org.rispacs.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.fhir.patient.IdentifierSystems;

class AuditEventResourcesTest {

    private static final Instant RECORDED = Instant.parse("2026-12-07T10:15:30.123Z");
    private final AuditEventResources resources = new AuditEventResources(
            new IdentifierSystems(Map.of("HOSP", "http://hospital.example/mrn")));

    @Test
    void aFhirSearchIsABalpQueryWithTheUserTheirAddressThePatientsAndTheRequest() {
        AuditEvent search = resources.toResource(new FhirAuditRecord("3f0c7d4e-1111-2222-3333-444455556666",
                "PatientDataViewedEvent", RECORDED, "jdoe", "fhir", "GET /fhir/Patient?name=muller from 10.1.2.3",
                List.of("P1^^^HOSP", "P2^^^1.2.3"), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of("view", "fhir-patient-search")));

        assertThat(search.getIdElement().getIdPart()).isEqualTo("3f0c7d4e-1111-2222-3333-444455556666");
        assertThat(search.getMeta().getVersionId()).isEqualTo("1");
        assertThat(search.getMeta().getLastUpdated()).isEqualTo(Date.from(RECORDED));
        assertThat(code(search.getType())).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type|rest");
        assertThat(search.getSubtype()).extracting(AuditEventResourcesTest::code).containsExactly(
                "http://hl7.org/fhir/restful-interaction|search-type", "urn:rispacs:audit-event|PatientDataViewed",
                "urn:rispacs:view|fhir-patient-search");
        assertThat(search.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(search.getRecorded()).isEqualTo(Date.from(RECORDED));
        assertThat(search.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(search.hasOutcomeDesc()).isFalse();

        AuditEventAgentComponent agent = search.getAgentFirstRep();
        assertThat(search.getAgent()).hasSize(1);
        assertThat(agent.getRequestor()).isTrue();
        assertThat(agent.getName()).isEqualTo("jdoe");
        assertThat(agent.getWho().getIdentifier().getSystem()).isEqualTo("urn:rispacs:actor");
        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("jdoe");
        assertThat(code(agent.getType().getCodingFirstRep()))
                .isEqualTo("http://terminology.hl7.org/CodeSystem/extra-security-role-type|humanuser");
        assertThat(agent.getNetwork().getAddress()).isEqualTo("10.1.2.3");
        assertThat(agent.getNetwork().getType()).isEqualTo(AuditEventAgentNetworkType._2);
        assertThat(search.getSource().getObserver().getDisplay()).isEqualTo("ris-pacs");
        assertThat(search.getSource().getTypeFirstRep().getCode()).isEqualTo("4");

        List<AuditEventEntityComponent> entities = search.getEntity();
        assertThat(entities).hasSize(3);
        assertThat(entities.get(0).getWhat().getReference())
                .isEqualTo("Patient/" + FhirPatientIds.of(new PatientIdentifier("P1", "HOSP")));
        assertThat(entities.get(0).getWhat().getIdentifier().getSystem()).isEqualTo("http://hospital.example/mrn");
        assertThat(entities.get(0).getWhat().getIdentifier().getValue()).isEqualTo("P1");
        assertThat(entities.get(0).getRole().getCode()).isEqualTo("1");
        assertThat(entities.get(0).getType().getCode()).isEqualTo("1");
        assertThat(entities.get(1).getWhat().getIdentifier().getSystem()).isEqualTo("urn:oid:1.2.3");
        assertThat(entities.get(2).getRole().getCode()).isEqualTo("24");
        assertThat(entities.get(2).getType().getCode()).isEqualTo("2");
        assertThat(new String(entities.get(2).getQuery(), StandardCharsets.UTF_8))
                .isEqualTo("/fhir/Patient?name=muller");
        assertThat(entities.get(2).hasWhat()).isFalse();
    }

    @Test
    void anOrderPlacedOverHl7NamesItsInterfaceItsPatientOrderAndAccession() {
        AuditEvent placed = resources.toResource(new FhirAuditRecord("e-2", "OrderPlacedEvent", RECORDED,
                "hl7:EPIC/HOSP", "hl7", "MSH-10 MSG1 from EPIC/HOSP", List.of("P1^^^HOSP"), List.of("ACC1"),
                List.of(), List.of("order-1"), List.of(), List.of(), Map.of("orderId", "order-1")));

        assertThat(code(placed.getType())).isEqualTo("http://dicom.nema.org/resources/ontology/DCM|110109");
        assertThat(placed.getType().getDisplay()).isEqualTo("Order Record");
        assertThat(placed.getSubtype()).extracting(AuditEventResourcesTest::code)
                .containsExactly("urn:rispacs:audit-event|OrderPlaced");
        assertThat(placed.getAction()).isEqualTo(AuditEventAction.C);
        AuditEventAgentComponent agent = placed.getAgentFirstRep();
        assertThat(code(agent.getType().getCodingFirstRep()))
                .isEqualTo("http://dicom.nema.org/resources/ontology/DCM|110150");
        assertThat(agent.hasNetwork()).as("an HL7 source names no network address").isFalse();
        assertThat(placed.getEntity()).extracting(entity -> entity.getWhat().getReference())
                .containsExactly("Patient/" + FhirPatientIds.of(new PatientIdentifier("P1", "HOSP")),
                        "ServiceRequest/order-1", null);
        AuditEventEntityComponent accession = placed.getEntity().get(2);
        assertThat(code(accession.getWhat().getIdentifier().getType().getCodingFirstRep()))
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203|ACSN");
        assertThat(accession.getWhat().getIdentifier().getValue()).isEqualTo("ACC1");
    }

    @Test
    void studiesReportsReceivedPatientsAndUserAccountsAreEntitiesAndFailuresSayWhy() {
        AuditEvent failed = resources.toResource(new FhirAuditRecord("e-3", "DeliveryFailedEvent", RECORDED,
                "system", "system", "retry", List.of("RAW-ID"), List.of(), List.of("1.2.840.1"), List.of(),
                List.of("report-1"), List.of(), Map.of("lastError", "connection refused")));
        assertThat(failed.getOutcome()).isEqualTo(AuditEventOutcome._8);
        assertThat(failed.getOutcomeDesc()).isEqualTo("connection refused");
        assertThat(failed.getEntity()).extracting(entity -> entity.getWhat().getReference())
                .containsExactly(null, "ImagingStudy/1.2.840.1", "DiagnosticReport/report-1");
        assertThat(failed.getEntity().get(0).getWhat().getIdentifier().getValue())
                .as("a patient as the modality sent it, without issuer").isEqualTo("RAW-ID");
        assertThat(failed.getEntity().get(1).getWhat().getIdentifier().getValue()).isEqualTo("urn:oid:1.2.840.1");
        assertThat(failed.getEntity().get(2).getRole().getCode()).isEqualTo("3");

        AuditEvent signIn = resources.toResource(new FhirAuditRecord("e-4", "UserSignInFailedEvent", RECORDED,
                "anonymous", "http", "POST /login from 192.168.0.9", List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of("mallory"), Map.of("reason", "bad credentials")));
        assertThat(signIn.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(signIn.getOutcomeDesc()).isEqualTo("bad credentials");
        assertThat(signIn.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("mallory");
        assertThat(signIn.getEntityFirstRep().getRole().getCode()).isEqualTo("11");
        assertThat(signIn.getAgentFirstRep().getNetwork().getAddress()).isEqualTo("192.168.0.9");
        assertThat(signIn.getAgentFirstRep().getType().getCodingFirstRep().getCode())
                .as("whoever tried to sign in is a person").isEqualTo("humanuser");
        assertThat(failed.getAgentFirstRep().getType().getCodingFirstRep().getCode())
                .as("the system acting on its own").isEqualTo("110150");
    }

    @Test
    void onlyHttpAndFhirSourcesGiveANetworkAddressAndOnlyFhirSearchesAQuery() {
        assertThat(AuditEventResources.address(AuditEventKindsTest.record("OrderPlacedEvent", "dicom", Map.of())))
                .isNull();
        FhirAuditRecord read = new FhirAuditRecord("e-5", "PatientDataViewedEvent", RECORDED, "jdoe", "fhir",
                "GET /fhir/Patient/abc from host.example", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Map.of("view", "fhir-patient"));
        assertThat(AuditEventResources.address(read)).isEqualTo("host.example");
        assertThat(AuditEventResources.searchRequest(read)).isNull();
        assertThat(resources.toResource(read).getAgentFirstRep().getNetwork().getType())
                .isEqualTo(AuditEventAgentNetworkType._1);
    }

    private static String code(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }
}
