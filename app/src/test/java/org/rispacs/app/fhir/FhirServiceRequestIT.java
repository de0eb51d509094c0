package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.rispacs.app.fhir.FhirTestClient.FHIR;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.DicomServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ServiceRequest as an EHR uses it through HAPI's generic client: an order placed by a transaction
 * with its patient, or alone for a known patient, is stored as HL7 and REST orders are (same events),
 * read back with all it said, found by accession, placer number, patient, status, code and dates,
 * and listed on the DICOM modality worklist (dcmtk's findscu). Refusals are OperationOutcomes and
 * keep nothing. Every resource answered is valid R4 by HAPI's validator.
 */
class FhirServiceRequestIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";
    private static final String ACCESSION = "http://hospital.example/accession";
    private static final String PLACER = "http://hospital.example/orders";
    private static final String PROCEDURES = "http://hospital.example/procedures";
    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    /** The department's zone (ris.time-zone), never the machine's: scheduled starts are meant in this one. */
    private static final ZoneId DEPARTMENT = ZoneId.of(ZoneId.systemDefault().getId().equals("Pacific/Kiritimati")
            ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");

    @Autowired
    private DicomServer dicom;
    @Autowired
    private EventStore events;
    @Autowired
    private UserAccounts accounts;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
        registry.add("ris.fhir.accession-system", () -> ACCESSION);
        registry.add("ris.fhir.placer-order-system", () -> PLACER);
        registry.add("ris.fhir.coding-systems.RIS", () -> PROCEDURES);
        registry.add("ris.time-zone", DEPARTMENT::getId);
    }

    @Test
    void theCapabilityStatementOffersServiceRequestReadVersionsSearchCreateAndTransactions() {
        CapabilityStatement capabilities = server().client(null, null).capabilities().ofType(CapabilityStatement.class)
                .execute();

        valid(capabilities);
        CapabilityStatementRestResourceComponent serviceRequest = capabilities.getRestFirstRep().getResource()
                .stream().filter(resource -> resource.getType().equals("ServiceRequest")).findFirst().orElseThrow();
        assertThat(serviceRequest.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create");
        assertThat(serviceRequest.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("identifier", "patient", "status", "authored", "occurrence", "code");
        assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactly("transaction");
    }

    @Test
    void anOrderWithItsPatientInATransactionIsRegisteredPlacedScheduledFoundAndOnTheWorklist() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        PatientIdentifier bronte = new PatientIdentifier("FS-" + run, "HOSP");
        String accession = "A" + run;
        LocalDateTime start = LocalDateTime.of(2027, 5, 6, 10, 15);
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        Instant before = Instant.now();

        Bundle answer = fhir.transaction().withBundle(transaction(bronte, request(accession, "PLC-" + run, start)))
                .execute();

        valid(answer);
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).hasSize(2);
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(answer.getEntry().get(0).getResponse().getLocation())
                .isEqualTo("Patient/" + FhirPatientIds.of(bronte));
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).isEqualTo("201 Created");
        String location = answer.getEntry().get(1).getResponse().getLocation();
        assertThat(location).matches("ServiceRequest/[0-9a-f-]{36}/_history/3");
        String orderId = location.split("/")[1];

        // the same events as the other channels: the patient registered, the order placed and scheduled
        assertThat(payloads(bronte.toString())).singleElement().isEqualTo(new PatientRegisteredEvent(bronte,
                new Demographics(new PersonName("Brontë", "Émilie", "Jane", null, null), LocalDate.of(1970, 1, 2),
                        "F")));
        List<Object> order = payloads(orderId);
        assertThat(order).hasSize(3);
        OrderPlacedEvent placed = (OrderPlacedEvent) order.get(0);
        assertThat(placed.patient()).isEqualTo(bronte);
        assertThat(placed.placerOrderNumber()).isEqualTo("PLC-" + run);
        assertThat(placed.procedure().code()).isEqualTo("CTHEAD");
        assertThat(placed.procedure().codingScheme()).isEqualTo("RIS");
        assertThat(placed.procedure().meaning()).isEqualTo("CT head");
        assertThat(placed.modality()).isEqualTo("CT");
        assertThat(placed.priority()).isEqualTo(OrderPriority.STAT);
        assertThat(placed.reason()).isEqualTo("headache");
        assertThat(placed.orderingProvider()).isEqualTo("Dr John Who");
        assertThat(order.get(1)).isEqualTo(new AccessionAssignedEvent(orderId, accession, true));
        assertThat(((ProcedureScheduledEvent) order.get(2)).scheduledStart()).isEqualTo(start);

        ServiceRequest read = fhir.read().resource(ServiceRequest.class).withId(orderId).execute();
        valid(read);
        assertThat(read.getMeta().getVersionId()).isEqualTo("3");
        assertThat(read.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(read.getIntent()).isEqualTo(ServiceRequestIntent.ORDER);
        assertThat(read.getPriority()).isEqualTo(ServiceRequestPriority.STAT);
        assertThat(read.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue,
                        one -> one.getType().getCodingFirstRep().getCode())
                .containsExactly(tuple(ACCESSION, accession, "ACSN"),
                        tuple(PLACER, "PLC-" + run, "PLAC"));
        assertThat(read.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("CT");
        assertThat(read.getCode().getCodingFirstRep().getSystem()).isEqualTo(PROCEDURES);
        assertThat(read.getCode().getCodingFirstRep().getCode()).isEqualTo("CTHEAD");
        assertThat(read.getCode().getCodingFirstRep().getDisplay()).isEqualTo("CT head");
        assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(bronte));
        assertThat(read.getSubject().getIdentifier().getSystem()).isEqualTo(HOSPITAL_MRN);
        assertThat(read.getSubject().getIdentifier().getValue()).isEqualTo(bronte.id());
        assertThat(read.getRequester().getDisplay()).isEqualTo("Dr John Who");
        assertThat(read.getReasonCodeFirstRep().getText()).isEqualTo("headache");
        assertThat(read.getOccurrenceDateTimeType().getValue())
                .isEqualTo(Date.from(start.atZone(DEPARTMENT).toInstant()));
        ServiceRequest scheduled = fhir.read().resource(ServiceRequest.class).withIdAndVersion(orderId, "3").execute();
        valid(scheduled);
        assertThat(scheduled.getOccurrenceDateTimeType().getValue()).as("vread, replayed, agrees with read")
                .isEqualTo(Date.from(start.atZone(DEPARTMENT).toInstant()));
        assertThat(read.getAuthoredOn()).isNotNull();
        Patient patient = fhir.read().resource(Patient.class).withId(FhirPatientIds.of(bronte)).execute();
        valid(patient);
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Brontë");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1970-01-02");

        // searches
        String byPatient = "patient=Patient/" + FhirPatientIds.of(bronte);
        assertThat(ids(search(fhir, "identifier=" + ACCESSION + "|" + accession))).containsExactly(orderId);
        assertThat(ids(search(fhir, "identifier=" + accession.toLowerCase(Locale.ROOT))))
                .as("an accession matches as the RIS compares them").containsExactly(orderId);
        assertThat(ids(search(fhir, "identifier=" + PLACER + "|PLC-" + run))).containsExactly(orderId);
        assertThat(search(fhir, "identifier=" + PLACER + "|" + accession).getEntry()).isEmpty();
        assertThat(search(fhir, "identifier=http://elsewhere.example|" + accession).getEntry()).isEmpty();
        assertThat(ids(search(fhir, byPatient))).containsExactly(orderId);
        assertThat(ids(search(fhir, "patient.identifier=" + HOSPITAL_MRN + "|" + bronte.id())))
                .containsExactly(orderId);
        assertThat(ids(search(fhir, byPatient + "&status=active"))).containsExactly(orderId);
        assertThat(ids(search(fhir, byPatient + "&status=completed,active"))).containsExactly(orderId);
        assertThat(search(fhir, byPatient + "&status=revoked").getEntry()).isEmpty();
        assertThat(ids(search(fhir, byPatient + "&code=" + PROCEDURES + "|CTHEAD"))).containsExactly(orderId);
        assertThat(search(fhir, byPatient + "&code=CTCHEST").getEntry()).isEmpty();
        assertThat(ids(search(fhir, byPatient + "&authored=ge" + LocalDate.now().minusDays(1))))
                .containsExactly(orderId);
        assertThat(search(fhir, byPatient + "&authored=lt2020").getEntry()).isEmpty();
        assertThat(ids(search(fhir, byPatient + "&occurrence=2027-05-06"))).containsExactly(orderId);
        assertThat(ids(search(fhir, "occurrence=ge2027-05-06T10:15:00&occurrence=lt2027-05-06T10:15:01&" + byPatient)))
                .containsExactly(orderId);
        assertThat(search(fhir, byPatient + "&occurrence=2027-05-07").getEntry()).isEmpty();

        // each answer that showed the order is an access of the user on channel fhir, naming its patient
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), all -> all.stream()
                .map(view -> view.path("view").asText()).toList().containsAll(List.of("fhir-service-request-create",
                        "fhir-service-request", "fhir-service-request-search", "fhir-patient")));
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("actor").asText()).isEqualTo(TestApi.USER);
            assertThat(view.path("channel").asText()).isEqualTo("fhir");
            assertThat(view.path("patients").findValuesAsText("id")).containsExactly(bronte.id());
        });
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-service-request-create"))
                .singleElement().satisfies(view -> assertThat(view.path("source").asText()).startsWith("POST /fhir"));

        // the modality finds it on its worklist
        List<Attributes> worklist = eventually(() -> findscu(bronte.id()), found -> found.size() == 1);
        Attributes item = worklist.get(0);
        assertThat(item.getString(Tags.AccessionNumber)).isEqualTo(accession);
        assertThat(item.getString(Tags.PatientName)).isEqualTo("Brontë^Émilie^Jane");
        assertThat(item.getString(Tags.PlacerOrderNumberImagingServiceRequest)).isEqualTo("PLC-" + run);
        Attributes step = item.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
        assertThat(step.getString(Tags.Modality)).isEqualTo("CT");
        assertThat(step.getString(Tags.ScheduledProcedureStepStartDate)).isEqualTo("20270506");
        assertThat(step.getString(Tags.ScheduledProcedureStepStartTime)).isEqualTo("101500");
    }

    @Test
    void aServiceRequestAloneIsPlacedForAKnownPatientWithAnAccessionOfTheRis() {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        PatientIdentifier known = registered("FK-" + run);
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        ServiceRequest request = request(null, null, null).setSubject(
                new Reference("Patient/" + FhirPatientIds.of(known))).setPriority(null);
        request.getReasonCode().clear();
        request.setRequester(null);

        MethodOutcome created = fhir.create().resource(request).execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(created.getId().getResourceType()).isEqualTo("ServiceRequest");
        assertThat(created.getId().getVersionIdPart()).as("placed, accession assigned").isEqualTo("2");
        String orderId = created.getId().getIdPart();
        ServiceRequest answered = (ServiceRequest) created.getResource();
        valid(answered);
        assertThat(answered.getIdentifier()).singleElement().satisfies(accession -> {
            assertThat(accession.getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
            assertThat(accession.getValue()).isNotBlank();
        });
        assertThat(answered.getPriority()).isEqualTo(ServiceRequestPriority.ROUTINE);
        assertThat(answered.hasOccurrence()).isFalse();
        assertThat(ids(search(fhir, "identifier=" + ACCESSION + "|" + answered.getIdentifierFirstRep().getValue())))
                .containsExactly(orderId);
        assertThat(ids(search(fhir, "identifier:of-type=" + V2_0203 + "|ACSN|"
                + answered.getIdentifierFirstRep().getValue()))).as("by type, without our system").containsExactly(
                orderId);
        assertThat(search(fhir, "identifier:of-type=" + V2_0203 + "|PLAC|" + answered.getIdentifierFirstRep()
                .getValue()).getEntry()).as("no placer number is the accession").isEmpty();
        outcome(catchThrowableOfType(InvalidRequestException.class, () -> fhir.search().byUrl(
                "ServiceRequest?identifier:of-type=" + V2_0203 + "|ACSN").returnBundle(Bundle.class).execute()), 400);
        List<Object> order = payloads(orderId);
        assertThat(order).hasSize(2);
        assertThat(((OrderPlacedEvent) order.get(0)).patient()).isEqualTo(known);
        assertThat(((AccessionAssignedEvent) order.get(1)).suppliedByPlacer()).isFalse();
        assertThat(payloads(known.toString())).as("a known patient named by reference is not changed").hasSize(1);

        // each event is a version: vread and _history replay the order's events
        ServiceRequest placed = fhir.read().resource(ServiceRequest.class).withIdAndVersion(orderId, "1").execute();
        valid(placed);
        assertThat(placed.getMeta().getVersionId()).isEqualTo("1");
        assertThat(placed.getIdentifier()).as("before the accession was assigned").isEmpty();
        ServiceRequest second = fhir.read().resource(ServiceRequest.class).withIdAndVersion(orderId, "2").execute();
        assertThat(second.getIdentifierFirstRep().getValue()).isEqualTo(answered.getIdentifierFirstRep().getValue());
        Bundle history = fhir.history().onInstance(new IdType("ServiceRequest", orderId)).returnBundle(Bundle.class)
                .execute();
        valid(history);
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(entry -> entry.getResource().getMeta().getVersionId())
                .as("newest first").containsExactly("2", "1");
        history.getEntry().forEach(entry -> valid(entry.getResource()));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> fhir.read()
                .resource(ServiceRequest.class).withIdAndVersion(orderId, "3").execute()).getStatusCode())
                .isEqualTo(404);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> fhir.history()
                .onInstance(new IdType("ServiceRequest", UUID.randomUUID().toString())).returnBundle(Bundle.class)
                .execute()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void refusalsAreOperationOutcomesAndKeepNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        PatientIdentifier known = registered("FR-" + run);
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        String accession = "R" + run;
        fhir.create().resource(request(accession, null, null)
                .setSubject(new Reference("Patient/" + FhirPatientIds.of(known)))).execute();
        long before = countOfOrderAndPatientEvents();
        PatientIdentifier newcomer = new PatientIdentifier("FN-" + run, "HOSP");

        BaseServerResponseException inUse = catchThrowableOfType(ResourceVersionConflictException.class,
                () -> fhir.transaction().withBundle(transaction(newcomer, request(accession, null, null))).execute());
        assertThat(outcome(inUse, 409).getIssueFirstRep().getDiagnostics()).contains(accession);
        assertThat(payloads(newcomer.toString())).as("the patient of a refused order is not registered").isEmpty();

        ServiceRequest noSubject = request(null, null, null).setSubject(null);
        outcome(catchThrowableOfType(InvalidRequestException.class,
                () -> fhir.create().resource(noSubject).execute()), 400);
        ServiceRequest noCode = subjectKnown(request(null, null, null), known);
        noCode.getCode().getCoding().clear();
        outcome(catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir.create().resource(noCode).execute()), 422);
        ServiceRequest unknownPatient = request(null, null, null)
                .setSubject(new Reference("Patient/0123456789abcdef0123456789abcdef"));
        assertThat(outcome(catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir.create().resource(unknownPatient).execute()), 422).getIssueFirstRep().getDiagnostics())
                .contains("unknown");
        ServiceRequest draft = subjectKnown(request(null, null, null), known).setStatus(ServiceRequestStatus.DRAFT);
        outcome(catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir.create().resource(draft).execute()), 422);
        ServiceRequest proposal = subjectKnown(request(null, null, null), known)
                .setIntent(ServiceRequestIntent.PROPOSAL);
        outcome(catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir.create().resource(proposal).execute()), 422);

        HttpResponse<String> malformed = server().post("/fhir/ServiceRequest",
                "{\"resourceType\": \"ServiceRequest\", ", TestApi.USER, TestApi.PASSWORD);
        assertThat(malformed.statusCode()).isEqualTo(400);
        valid(FHIR.newJsonParser().parseResource(OperationOutcome.class, malformed.body()));
        HttpResponse<String> wrongType = server().post("/fhir/ServiceRequest",
                FHIR.newJsonParser().encodeResourceToString(new Patient().setActive(true)), TestApi.USER,
                TestApi.PASSWORD);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        valid(FHIR.newJsonParser().parseResource(OperationOutcome.class, wrongType.body()));
        HttpResponse<String> malformedBundle = server().post("/fhir", "{\"resourceType\": \"Bundle\", \"type\": ",
                TestApi.USER, TestApi.PASSWORD);
        assertThat(malformedBundle.statusCode()).isEqualTo(400);
        String json = FHIR.newJsonParser().encodeResourceToString(subjectKnown(request(null, null, null), known));
        HttpResponse<String> anonymous = server().post("/fhir/ServiceRequest", json, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        accounts.createIfAbsent("fhir-sr-reader", "Radiologist", "reader-password-1", EnumSet.of(Role.RADIOLOGIST),
                false);
        HttpResponse<String> reader = server().post("/fhir/ServiceRequest", json, "fhir-sr-reader",
                "reader-password-1");
        assertThat(reader.statusCode()).as("a radiologist may read orders, not place them").isEqualTo(403);
        assertThat(catchThrowableOfType(AuthenticationException.class,
                () -> server().client(null, null).create().resource(noCode).execute())).isNotNull();

        Bundle batch = transaction(newcomer, request(null, null, null)).setType(Bundle.BundleType.BATCH);
        HttpResponse<String> notATransaction = server().post("/fhir",
                FHIR.newJsonParser().encodeResourceToString(batch), TestApi.USER, TestApi.PASSWORD);
        assertThat(notATransaction.statusCode()).isEqualTo(400);
        valid(FHIR.newJsonParser().parseResource(OperationOutcome.class, notATransaction.body()));
        Bundle more = transaction(newcomer, request(null, null, null));
        more.addEntry().setResource(new Patient().setActive(true)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        outcome(catchThrowableOfType(UnprocessableEntityException.class,
                () -> fhir.transaction().withBundle(more).execute()), 422);

        // the commands of a request commit with the answer: whatever was refused is not stored now or later
        assertThat(countOfOrderAndPatientEvents()).as("no order, no patient event kept").isEqualTo(before);
        assertThat(search(fhir, "patient=Patient/" + FhirPatientIds.of(known)).getEntry())
                .as("only the first order").hasSize(1);
    }

    @Test
    void transactionsForTheSamePatientAtOnceAreAllKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        PatientIdentifier patient = new PatientIdentifier("FC-" + run, "HOSP");
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        int orders = 6;
        List<String> accessions = java.util.stream.IntStream.range(0, orders).mapToObj(n -> "C" + run + n).toList();

        List<Bundle> answers;
        try (var senders = java.util.concurrent.Executors.newFixedThreadPool(orders)) {
            var sent = accessions.stream().map(accession -> senders.submit(
                    () -> fhir.transaction().withBundle(transaction(patient, request(accession, null, null)))
                            .execute())).toList();
            answers = new java.util.ArrayList<>();
            for (var answer : sent) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).as("each transaction answered 201 for its order").allSatisfy(answer -> assertThat(
                answer.getEntry()).extracting(entry -> entry.getResponse().getStatus()).contains("201 Created"));
        assertThat(ids(search(fhir, "patient=Patient/" + FhirPatientIds.of(patient) + "&_count=50")))
                .as("every order kept").hasSize(orders);
        for (String accession : accessions) {
            assertThat(search(fhir, "identifier=" + ACCESSION + "|" + accession).getEntry()).hasSize(1);
        }
    }

    private static Bundle transaction(PatientIdentifier patientId, ServiceRequest request) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(HOSPITAL_MRN).setValue(patientId.id());
        patient.addName().setFamily("Brontë").addGiven("Émilie").addGiven("Jane");
        patient.setGender(AdministrativeGender.FEMALE).getBirthDateElement().setValueAsString("1970-01-02");
        request.setSubject(new Reference(fullUrl));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(fullUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(request).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
        return bundle;
    }

    private static ServiceRequest request(String accession, String placerOrderNumber, LocalDateTime start) {
        ServiceRequest request = new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequestIntent.ORDER).setPriority(ServiceRequestPriority.STAT);
        if (accession != null) {
            request.addIdentifier().setSystem(ACCESSION).setValue(accession).getType().addCoding()
                    .setSystem(V2_0203).setCode("ACSN");
        }
        if (placerOrderNumber != null) {
            request.addIdentifier().setSystem(PLACER).setValue(placerOrderNumber).getType().addCoding()
                    .setSystem(V2_0203).setCode("PLAC");
        }
        request.addCategory().addCoding().setSystem(DICOM).setCode("CT");
        request.getCode().addCoding().setSystem(PROCEDURES).setCode("CTHEAD").setDisplay("CT head");
        if (start != null) {
            request.setOccurrence(new DateTimeType(Date.from(start.atZone(DEPARTMENT).toInstant()),
                    TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(DEPARTMENT)));
        }
        request.getRequester().setDisplay("Dr John Who");
        request.addReasonCode().setText("headache");
        return request;
    }

    private static ServiceRequest subjectKnown(ServiceRequest request, PatientIdentifier patient) {
        return request.setSubject(new Reference("Patient/" + FhirPatientIds.of(patient)));
    }

    private PatientIdentifier registered(String id) {
        PatientIdentifier patient = new PatientIdentifier(id, "HOSP");
        TestCommands.send(commands, TestApi.USER, new RegisterPatientCommand(patient, new Demographics(
                new PersonName("Known", "Kim", null, null, null), LocalDate.of(1980, 5, 6), "F")));
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        eventually(() -> fhir.search().byUrl("Patient?identifier=" + HOSPITAL_MRN + "|" + id)
                .returnBundle(Bundle.class).execute(), found -> found.getEntry().size() == 1);
        return patient;
    }

    private List<Attributes> findscu(String patientId) {
        try {
            return DcmtkTools.findWorklist(work, List.of(
                    "(0008,0005) CS [ISO_IR 192]",
                    "(0008,0050) SH",
                    "(0010,0010) PN",
                    "(0010,0020) LO [" + patientId + "]",
                    "(0040,2016) LO",
                    "(0040,0100) SQ",
                    "(fffe,e000) -",
                    "(0008,0060) CS [CT]",
                    "(0040,0002) DA",
                    "(0040,0003) TM",
                    "(fffe,e00d) -",
                    "(fffe,e0dd) -"), "CT1", "127.0.0.1", dicom.port());
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }

    private List<Object> payloads(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(message -> (Object) message.getPayload()).toList();
    }

    /** Every order placement, accession and patient registration or change stored so far. */
    private long countOfOrderAndPatientEvents() {
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (payload instanceof OrderPlacedEvent || payload instanceof AccessionAssignedEvent
                        || payload instanceof PatientRegisteredEvent
                        || payload instanceof PatientDemographicsUpdatedEvent) {
                    count++;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
        return count;
    }

    /** A ServiceRequest search answer, valid as a whole and in each resource. */
    private static Bundle search(IGenericClient fhir, String parameters) {
        return searchByUrl(fhir, "ServiceRequest?" + parameters);
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
