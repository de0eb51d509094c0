package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesInstanceComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudyStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestDepartment;
import org.rispacs.app.support.TestImages;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ImagingStudy and Endpoint as an EHR uses them, through HAPI's generic client with HTTP Basic: a
 * study sent by dcmtk's storescu and matched to its order is found by patient, identifier, order
 * and date, read with its series and instances, and its images fetched over WADO-RS from the
 * Endpoint it names; after an HL7-style merge it is the survivor's. Every resource answered is
 * valid R4 by HAPI's validator; answers that show a patient are recorded as accesses, refusals not.
 */
@Tag("dcmtk")
class FhirImagingStudyIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    @Autowired
    DicomServer dicom;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
        registry.add("ris.time-zone", () -> "Europe/Vienna");
    }

    @Test
    void aStoredStudyIsFoundReadFetchedThroughItsEndpointAndFollowsAMerge() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "fhir-imaging-it");
        PatientIdentifier patient = department.patient("Müller", "Anna");
        String orderId = department.order(patient, "CT");
        String accession = department.accessionOf(orderId);
        String study = TestDepartment.newStudyUid();
        // the modality's spelling: upper case, no umlaut, no issuer; the match gives the order's identity
        TestImages.Exam exam = new TestImages.Exam(patient.id(), null, "MULLER^ANNA", "19700102", accession, "CT",
                "20261201", "CT chest");
        List<Path> files = new ArrayList<>(TestImages.series(work, exam, study, study + ".1", 1, 2, 16));
        files.addAll(TestImages.series(work, exam, study, study + ".2", 2, 1, 16));
        TestImages.store(dicom.port(), "CT1", files);
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class);
        IGenericClient fhir = server().client();
        String patientId = FhirPatientIds.of(patient);
        Instant before = Instant.now();

        Bundle byUid = eventually(() -> searchByUrl(fhir, "ImagingStudy?identifier=urn:dicom:uid|urn:oid:" + study),
                found -> found.getEntry().size() == 1 && imagingStudy(found).getNumberOfInstances() == 3
                        && imagingStudy(found).hasBasedOn());
        ImagingStudy found = imagingStudy(byUid);
        assertThat(found.getIdElement().getIdPart()).isEqualTo(study);
        assertThat(found.getIdentifier()).extracting(one -> one.getSystem() + "|" + one.getValue())
                .containsExactly("urn:dicom:uid|urn:oid:" + study, "null|" + accession);
        assertThat(found.getIdentifier().get(1).getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
        assertThat(found.getStatus()).isEqualTo(ImagingStudyStatus.AVAILABLE);
        assertThat(found.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(found.getSubject().getIdentifier().getSystem()).isEqualTo(HOSPITAL_MRN);
        assertThat(found.getSubject().getIdentifier().getValue()).isEqualTo(patient.id());
        assertThat(found.getStartedElement().getValueAsString()).isEqualTo("2026-12-01T10:15:00+01:00");
        assertThat(found.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + orderId);
        assertThat(found.getBasedOnFirstRep().getIdentifier().getValue()).isEqualTo(accession);
        assertThat(found.getModality()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple(DCM, "CT"));
        assertThat(found.getDescription()).isEqualTo("CT chest");
        assertThat(found.getNumberOfSeries()).isEqualTo(2);
        assertThat(found.getEndpointFirstRep().getReference()).isEqualTo("Endpoint/dicomweb");
        assertThat(found.getSeries()).extracting(ImagingStudySeriesComponent::getUid,
                        ImagingStudySeriesComponent::getNumber, series -> series.getModality().getCode(),
                        ImagingStudySeriesComponent::getDescription,
                        ImagingStudySeriesComponent::getNumberOfInstances)
                .containsExactly(tuple(study + ".1", 1, "CT", "Axial 1", 2),
                        tuple(study + ".2", 2, "CT", "Axial 2", 1));
        assertThat(found.getSeries().get(0).getInstance()).extracting(ImagingStudySeriesInstanceComponent::getUid,
                        ImagingStudySeriesInstanceComponent::getNumber, instance -> instance.getSopClass().getSystem()
                                + "|" + instance.getSopClass().getCode())
                .containsExactly(
                        tuple(study + ".1.1", 1,
                                "urn:ietf:rfc:3986|urn:oid:" + TestImages.CT_IMAGE_STORAGE),
                        tuple(study + ".1.2", 2,
                                "urn:ietf:rfc:3986|urn:oid:" + TestImages.CT_IMAGE_STORAGE));
        assertThat(found.getSeries().get(1).getInstance()).extracting(ImagingStudySeriesInstanceComponent::getUid)
                .containsExactly(study + ".2.1");

        // each parameter, alone and combined; what names nothing of ours finds nothing
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=Patient/" + patientId))).containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=" + patientId))).containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?identifier=" + accession))).containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?identifier=urn:oid:" + study))).containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?basedon=ServiceRequest/" + orderId))).containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&started=2026-12-01")))
                .containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&started=ge2026-11&started=lt2027")))
                .containsExactly(study);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?basedon=" + orderId + "&started=le2026-12-01"
                + "&identifier=" + accession))).containsExactly(study);
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&started=gt2026-12-01").getEntry())
                .isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&started=ne2026-12").getEntry())
                .isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&started=lt2026-12-01").getEntry())
                .isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?identifier=urn:dicom:uid|urn:oid:2.25.404").getEntry()).isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?identifier=http://elsewhere.example|" + accession).getEntry())
                .isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?basedon=ServiceRequest/order-unknown").getEntry()).isEmpty();
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=0123456789abcdef0123456789abcdef").getEntry()).isEmpty();

        // read, with its version as ETag
        ImagingStudy read = fhir.read().resource(ImagingStudy.class).withId(study).execute();
        valid(read);
        assertThat(read.getSeries()).hasSize(2);
        int version = Integer.parseInt(read.getMeta().getVersionId());
        assertThat(version).as("received, matched").isGreaterThanOrEqualTo(2);
        HttpResponse<byte[]> raw = get("/fhir/ImagingStudy/" + study, "application/fhir+json");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"" + version + "\"");

        // the Endpoint it names: our DICOMweb, from which the study comes with the same credentials
        Endpoint endpoint = fhir.read().resource(Endpoint.class).withId(read.getEndpointFirstRep()
                .getReferenceElement().getIdPart()).execute();
        valid(endpoint);
        assertThat(endpoint.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
        assertThat(endpoint.getAddress()).isEqualTo("http://127.0.0.1:" + port + "/dicomweb");
        HttpResponse<byte[]> images = get(URI.create(endpoint.getAddress() + "/studies/" + study),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertThat(images.statusCode()).isEqualTo(200);
        String body = new String(images.body(), StandardCharsets.ISO_8859_1);
        assertThat(Pattern.compile("(?i)content-type: *application/dicom").matcher(body).results().count())
                .as("one part per instance").isEqualTo(3);
        assertThat(body).contains(study + ".1.1").contains(study + ".1.2").contains(study + ".2.1");

        // the answers that showed the study were accesses of the user to its patient, on channel fhir
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), all -> all.stream()
                .anyMatch(view -> view.path("view").asText().equals("fhir-imaging-study")));
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("actor").asText()).isEqualTo(TestApi.USER);
            assertThat(view.path("channel").asText()).isEqualTo("fhir");
            assertThat(view.path("source").asText()).startsWith("GET /fhir/ImagingStudy");
            assertThat(view.path("patients").findValuesAsText("id")).containsExactly(patient.id());
        });
        assertThat(views).extracting(view -> view.path("view").asText())
                .contains("fhir-imaging-study", "fhir-imaging-study-search");

        // HL7 A40: the study is the survivor's now, by reference and by search, in a new version
        PatientIdentifier survivor = department.patient("Mueller", "Anna");
        department.send(new MergePatientsCommand(patient, survivor));
        String survivorId = FhirPatientIds.of(survivor);
        ImagingStudy merged = eventually(() -> fhir.read().resource(ImagingStudy.class).withId(study).execute(),
                one -> one.getSubject().getReference().equals("Patient/" + survivorId));
        valid(merged);
        assertThat(merged.getSubject().getIdentifier().getValue()).isEqualTo(survivor.id());
        assertThat(Integer.parseInt(merged.getMeta().getVersionId())).isGreaterThan(version);
        assertThat(merged.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + orderId);
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=" + survivorId))).containsExactly(study);
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=" + patientId).getEntry()).isEmpty();
    }

    @Test
    void refusalsAreOperationOutcomesAndShowNoStudyNorRecordAnAccess() throws Exception {
        TestDepartment department = new TestDepartment(commands, eventStore, "fhir-imaging-it");
        PatientIdentifier patient = department.patient("Refused", "Rita");
        String first = department.acquire(patient, department.order(patient, "CT"), "CT");
        String second = department.acquire(patient, department.order(patient, "MR"), "MR");
        String patientId = FhirPatientIds.of(patient);
        IGenericClient fhir = server().client();
        eventually(() -> searchByUrl(fhir, "ImagingStudy?patient=" + patientId), all -> all.getEntry().size() == 2);
        Instant before = Instant.now();

        ResourceNotFoundException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.read().resource(ImagingStudy.class).withId("2.25.404").execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        outcome(unknown);
        outcome(catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.read().resource(Endpoint.class).withId("pacs").execute()));

        for (String refused : List.of("ImagingStudy", "ImagingStudy?modality=CT", "ImagingStudy?patient=Group/1",
                "ImagingStudy?basedon=Patient/" + patientId, "ImagingStudy?patient.identifier=" + patient.id(),
                "ImagingStudy?started=gt2026-12-01T10:00:00Z", "ImagingStudy?started=2026,2025",
                "ImagingStudy?started=2026-13-45", "ImagingStudy?identifier:text=chest",
                "ImagingStudy?identifier=urn:dicom:uid|", "ImagingStudy?patient=" + patientId + "&_count=-1")) {
            InvalidRequestException refusal = catchThrowableOfType(InvalidRequestException.class,
                    () -> searchByUrl(fhir, refused));
            assertThat(refusal).as(refused).isNotNull();
            assertThat(refusal.getStatusCode()).isEqualTo(400);
            outcome(refusal);
        }
        assertThat(searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&_count=0").getEntry()).isEmpty();

        // then one read that shows the study: it is the only access recorded since the refusals began
        fhir.read().resource(ImagingStudy.class).withId(first).execute();
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), all -> !all.isEmpty());
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.path("view").asText()).isEqualTo("fhir-imaging-study");
            assertThat(view.path("source").asText()).startsWith("GET /fhir/ImagingStudy/" + first);
        });
        assertThat(ids(searchByUrl(fhir, "ImagingStudy?patient=" + patientId))).containsExactlyInAnyOrder(first,
                second);

        // a page at a time, the next link leading to the rest
        Bundle page = searchByUrl(fhir, "ImagingStudy?patient=" + patientId + "&_count=1");
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getLink(Bundle.LINK_NEXT)).as("a page cut short says there is more").isNotNull();
        Bundle rest = fhir.loadPage().next(page).execute();
        assertThat(rest.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(List.of(ids(page).get(0), ids(rest).get(0))).containsExactlyInAnyOrder(first, second);
    }

    private static ImagingStudy imagingStudy(Bundle bundle) {
        return (ImagingStudy) bundle.getEntryFirstRep().getResource();
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        return get(URI.create("http://127.0.0.1:" + port + path), accept);
    }

    private HttpResponse<byte[]> get(URI uri, String accept) throws Exception {
        return server().get(uri, accept, TestApi.USER, TestApi.PASSWORD);
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
