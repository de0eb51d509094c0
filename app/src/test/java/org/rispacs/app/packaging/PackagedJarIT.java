package org.rispacs.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.fhir.FhirTestClient.FHIR;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.app.fhir.FhirTestClient;
import org.rispacs.app.support.PackagedApplication;

/**
 * Starts the packaged jar the way the README tells an operator to, on its embedded defaults
 * (its own PostgreSQL and its own Elasticsearch node), and checks that an order survives a
 * restart in both the event store and the read model; after the restart, its FHIR server places an order
 * an EHR sends and finds it again, every resource valid R4 by HAPI's validator.
 */
class PackagedJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSP = "urn:rispacs:issuer:HOSP";
    private static final String ACCESSION = "urn:rispacs:accession";

    private PackagedApplication app;

    @Test
    void startsOnEmbeddedDefaultsAndKeepsOrdersAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ris-jar-data");
        app = new PackagedApplication(dataDir, List.of()).start();
        assertThat(oneTimePasswordLines()).as("the admin's one-time password, logged once").hasSize(1);
        HttpResponse<String> placed = app.postJson("/api/orders", """
                {"patientId":"P-JAR","patientIdIssuer":"HOSP","procedureCode":"MRBRAIN",
                 "modality":"MR","priority":"ROUTINE"}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        String orderId = order.get("orderId").asText();
        String accession = order.get("accessionNumber").asText();

        app.stop();
        assertThat(app.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        assertNotRunning(dataDir.resolve("elasticsearch/logs/elasticsearch.pid"), "Elasticsearch");
        assertNotRunning(dataDir.resolve("postgres/postmaster.pid"), "PostgreSQL");

        app.start();
        assertThat(app.getJson("/api/orders/" + orderId)).isEqualTo(order);
        assertThat(app.getJson("/api/orders?accession=" + accession)).containsExactly(order);
        assertThat(oneTimePasswordLines()).as("no second admin password after a restart").hasSize(1);
        placesAndFindsAnOrderOverFhir();
    }

    /** With the integration account (a technologist, who may place orders) and the jar's default systems. */
    private void placesAndFindsAnOrderOverFhir() throws Exception {
        FhirTestClient server = new FhirTestClient(app.baseUri());
        CapabilityStatement capabilities = valid(server.client(null, null).capabilities()
                .ofType(CapabilityStatement.class).execute());
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType).containsExactlyInAnyOrder(
                        "Patient", "ServiceRequest", "ImagingStudy", "Endpoint", "DiagnosticReport", "AuditEvent",
                        "Subscription");
        IGenericClient fhir = server.client(PackagedApplication.API_USER, PackagedApplication.API_PASSWORD);
        PatientIdentifier patientId = new PatientIdentifier("P-JAR-FHIR", "HOSP");

        // no channel of this test registers patients but a FHIR transaction: the patient comes with a first order
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(HOSP).setValue(patientId.id());
        patient.addName().setFamily("Jarvis").addGiven("Jana");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl(patientUrl).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(order(new Reference(patientUrl)))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
        Bundle registered = valid(fhir.transaction().withBundle(transaction).execute());
        assertThat(registered.getEntry().get(1).getResponse().getStatus()).isEqualTo("201 Created");
        eventually(() -> searchByUrl(fhir, "Patient?identifier=" + HOSP + "|" + patientId.id()),
                bundle -> bundle.getEntry().size() == 1);

        HttpResponse<String> created = server.post("/fhir/ServiceRequest", FHIR.newJsonParser()
                        .encodeResourceToString(order(new Reference("Patient/" + FhirPatientIds.of(patientId)))),
                PackagedApplication.API_USER, PackagedApplication.API_PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ServiceRequest answered = valid(FHIR.newJsonParser().parseResource(ServiceRequest.class, created.body()));
        String orderId = answered.getIdElement().getIdPart();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/fhir/ServiceRequest/" + orderId));
        String accession = answered.getIdentifier().stream().filter(one -> ACCESSION.equals(one.getSystem()))
                .findFirst().orElseThrow().getValue();

        Bundle found = eventually(() -> searchByUrl(fhir, "ServiceRequest?identifier=" + ACCESSION + "|" + accession),
                bundle -> !bundle.getEntry().isEmpty());
        assertThat(ids(found)).containsExactly(orderId);
        ServiceRequest order = (ServiceRequest) found.getEntryFirstRep().getResource();
        assertThat(order.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(patientId));
        assertThat(order.getCode().getCodingFirstRep().getCode()).isEqualTo("MRBRAIN");
        assertThat(order.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(order.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
    }

    private static ServiceRequest order(Reference subject) {
        ServiceRequest order = new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequestIntent.ORDER).setSubject(subject);
        order.addCategory().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("MR");
        order.getCode().addCoding().setSystem("urn:rispacs:coding-scheme:RIS").setCode("MRBRAIN");
        return order;
    }

    private List<String> oneTimePasswordLines() throws IOException {
        return app.logLines().stream()
                .filter(line -> line.contains("Created user 'admin' with the one-time password")).toList();
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static void assertNotRunning(Path pidFile, String what) throws IOException {
        Optional<ProcessHandle> leftover = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                : Optional.empty();
        assertThat(leftover.filter(ProcessHandle::isAlive)).as(what + " still running after the app stopped").isEmpty();
    }
}
