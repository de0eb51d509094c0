package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.rispacs.app.fhir.FhirTestClient.ids;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.searchByUrl;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The FHIR server as an EHR uses it, through HAPI's generic client with HTTP Basic: the
 * CapabilityStatement, Patient searches by identifier, name and birth date, reads, a merge's links,
 * and the refusals; every resource answered is valid R4 by HAPI's validator, and every answer that
 * shows patients (and only those) is recorded as an access on channel fhir.
 */
class FhirPatientIT extends ApplicationTest {

    private static final String HOSPITAL_MRN = "http://hospital.example/mrn";

    @Autowired
    private UserAccounts accounts;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.identifier-systems.HOSP", () -> HOSPITAL_MRN);
    }

    @Test
    void theCapabilityStatementIsPublicAndNamesExactlyTheInteractionsAndSearchParametersOffered() {
        CapabilityStatement capabilities = server().client(null, null).capabilities().ofType(CapabilityStatement.class)
                .execute();

        valid(capabilities);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getRest()).hasSize(1);
        List<CapabilityStatementRestResourceComponent> resources = capabilities.getRestFirstRep().getResource();
        assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType)
                .containsExactlyInAnyOrder("Patient", "ServiceRequest", "ImagingStudy", "Endpoint", "DiagnosticReport",
                        "AuditEvent", "Subscription");
        CapabilityStatementRestResourceComponent patient = resource(resources, "Patient");
        assertThat(patient.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type");
        assertThat(patient.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("identifier", "name", "birthdate");
        CapabilityStatementRestResourceComponent study = resource(resources, "ImagingStudy");
        assertThat(study.getInteraction()).extracting(one -> one.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(study.getSearchParam()).extracting(one -> one.getName())
                .containsExactlyInAnyOrder("patient", "identifier", "basedon", "started");
        CapabilityStatementRestResourceComponent endpoint = resource(resources, "Endpoint");
        assertThat(endpoint.getInteraction()).extracting(one -> one.getCode().toCode()).containsExactly("read");
        assertThat(endpoint.getSearchParam()).isEmpty();
        assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(one -> one.getCode().toCode())
                .as("the order transaction").containsExactly("transaction");
        assertThat(capabilities.getRestFirstRep().getOperation()).isEmpty();
    }

    @Test
    void patientsAreFoundByIdentifierNameAndBirthDateReadByIdAndFollowTheirMerge() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier mueller = new PatientIdentifier("FM-" + run, "HOSP");
        PatientIdentifier bronte = new PatientIdentifier("FB-" + run, "1.2.840.99999.7");
        PatientIdentifier duplicate = new PatientIdentifier("FD-" + run, "ER");
        send(new RegisterPatientCommand(mueller, new Demographics(new PersonName("Müller", "Jürgen", "Karl", "Dr",
                null), LocalDate.of(1960, 3, 4), "M")));
        send(new RegisterPatientCommand(bronte, new Demographics(new PersonName("Brontë", "Émilie", null, null,
                null), LocalDate.of(1970, 1, 2), "F")));
        send(new RegisterPatientCommand(duplicate, new Demographics(new PersonName("MULLER", "JURGEN", null, null,
                null), LocalDate.of(1960, 3, 4), "M")));
        send(new MergePatientsCommand(duplicate, mueller));
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        Instant before = Instant.now();

        // by identifier: a configured system, an OID, the derived URN; a system of no issuer of ours finds no one
        Bundle byMrn = eventually(() -> searchByUrl(fhir, "Patient?identifier=" + HOSPITAL_MRN + "|" + mueller.id()),
                found -> found.getEntry().size() == 1
                        && ((Patient) found.getEntryFirstRep().getResource()).getLink().size() == 1);
        Patient found = (Patient) byMrn.getEntryFirstRep().getResource();
        assertThat(found.getIdElement().getIdPart()).isEqualTo(FhirPatientIds.of(mueller));
        assertThat(found.getIdentifierFirstRep().getSystem()).isEqualTo(HOSPITAL_MRN);
        assertThat(found.getIdentifierFirstRep().getValue()).isEqualTo(mueller.id());
        assertThat(found.getNameFirstRep().getFamily()).isEqualTo("Müller");
        assertThat(found.getNameFirstRep().getGiven()).extracting(Object::toString).containsExactly("Jürgen", "Karl");
        assertThat(found.getNameFirstRep().getPrefixAsSingleString()).isEqualTo("Dr");
        assertThat(found.getBirthDateElement().getValueAsString()).isEqualTo("1960-03-04");
        assertThat(found.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(found.getActive()).isTrue();
        assertThat(ids(searchByUrl(fhir, "Patient?identifier=urn:oid:1.2.840.99999.7|" + bronte.id())))
                .containsExactly(FhirPatientIds.of(bronte));
        assertThat(ids(searchByUrl(fhir, "Patient?identifier=urn:rispacs:issuer:ER|" + duplicate.id())))
                .containsExactly(FhirPatientIds.of(duplicate));
        assertThat(ids(searchByUrl(fhir, "Patient?identifier=" + bronte.id())))
                .as("a value alone matches whatever the system").containsExactly(FhirPatientIds.of(bronte));
        assertThat(searchByUrl(fhir, "Patient?identifier=urn:rispacs:issuer:HOSP|" + mueller.id()).getEntry())
                .as("HOSP's identifiers have their configured system").isEmpty();
        assertThat(searchByUrl(fhir, "Patient?identifier=http://elsewhere.example|" + mueller.id()).getEntry())
                .isEmpty();

        // by name: a prefix of any part, whatever its case and accents; by birth date, also as a range
        assertThat(ids(searchByUrl(fhir, "Patient?name=muller")))
                .containsExactlyInAnyOrder(FhirPatientIds.of(mueller), FhirPatientIds.of(duplicate));
        assertThat(ids(searchByUrl(fhir, "Patient?name=muller&_count=2"))).hasSize(2);
        // a page at a time: the total, and next/previous links that repeat the search with _offset
        Bundle first = searchByUrl(fhir, "Patient?name=muller&_count=1");
        assertThat(first.getTotal()).isEqualTo(2);
        assertThat(first.getEntry()).hasSize(1);
        assertThat(first.getLink(Bundle.LINK_NEXT)).as("a page cut short says there is more").isNotNull();
        assertThat(first.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=1").contains("_count=1");
        assertThat(first.getLink(Bundle.LINK_PREV)).isNull();
        Bundle second = fhir.loadPage().next(first).execute();
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getLink(Bundle.LINK_NEXT)).as("the last page").isNull();
        assertThat(second.getLink(Bundle.LINK_PREV)).isNotNull();
        assertThat(List.of(ids(first).get(0), ids(second).get(0)))
                .containsExactlyInAnyOrder(FhirPatientIds.of(mueller), FhirPatientIds.of(duplicate));
        valid(second);
        assertThat(ids(fhir.loadPage().previous(second).execute())).isEqualTo(ids(first));
        Bundle totalOnly = searchByUrl(fhir, "Patient?name=muller&_count=0");
        assertThat(totalOnly.getTotal()).isEqualTo(2);
        assertThat(totalOnly.getEntry()).isEmpty();
        assertThat(outcome(catchThrowableOfType(InvalidRequestException.class,
                () -> searchByUrl(fhir, "Patient?name=muller&_offset=9990&_count=20"))).getIssueFirstRep()
                .getDiagnostics()).contains("at most 10000 matches");
        assertThatThrownBy(() -> searchByUrl(fhir, "Patient?name=muller&_offset=-1"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(ids(searchByUrl(fhir, "Patient?name=EMIL"))).containsExactly(FhirPatientIds.of(bronte));
        Bundle lenient = fhir.search().byUrl("Patient?name=EMIL&nickname=Rita")
                .withAdditionalHeader("Prefer", "handling=lenient").returnBundle(Bundle.class).execute();
        assertThat(ids(lenient)).as("lenient handling ignores what it does not know")
                .containsExactly(FhirPatientIds.of(bronte));
        assertThat(ids(searchByUrl(fhir, "Patient?name=bront%C3%AB"))).containsExactly(FhirPatientIds.of(bronte));
        assertThat(ids(searchByUrl(fhir, "Patient?name=karl&birthdate=1960-03-04")))
                .containsExactly(FhirPatientIds.of(mueller));
        assertThat(ids(searchByUrl(fhir, "Patient?birthdate=1970-01-02"))).containsExactly(FhirPatientIds.of(bronte));
        assertThat(ids(searchByUrl(fhir, "Patient?birthdate=ge1960&birthdate=lt1961")))
                .containsExactlyInAnyOrder(FhirPatientIds.of(mueller), FhirPatientIds.of(duplicate));
        assertThat(searchByUrl(fhir, "Patient?name=muller&birthdate=1970").getEntry()).isEmpty();

        // read, with its version as ETag; the merge's links both ways
        Patient survivor = fhir.read().resource(Patient.class).withId(FhirPatientIds.of(mueller)).execute();
        valid(survivor);
        assertThat(survivor.getMeta().getVersionId()).as("registered, then another merged into it").isEqualTo("2");
        assertThat(survivor.getMeta().getLastUpdated()).isNotNull();
        assertThat(survivor.getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACES);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(duplicate));
        });
        Patient merged = fhir.read().resource(Patient.class).withId(FhirPatientIds.of(duplicate)).execute();
        valid(merged);
        assertThat(merged.getActive()).isFalse();
        assertThat(merged.getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACEDBY);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(mueller));
        });
        HttpResponse<String> raw = server().get("/fhir/Patient/" + FhirPatientIds.of(mueller), TestApi.USER,
                TestApi.PASSWORD);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"2\"");
        assertThat(raw.headers().firstValue("Last-Modified")).isPresent();

        // each answer that showed patients is an access of the user on channel fhir, naming those patients
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), all -> all.stream()
                .filter(view -> view.path("view").asText().equals("fhir-patient")).count() >= 2);
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("actor").asText()).isEqualTo(TestApi.USER);
            assertThat(view.path("channel").asText()).isEqualTo("fhir");
            assertThat(view.path("source").asText()).startsWith("GET /fhir/Patient");
        });
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-patient-search"))
                .anySatisfy(view -> assertThat(view.path("patients").findValuesAsText("id"))
                        .containsExactlyInAnyOrder(mueller.id(), duplicate.id()));
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-patient"))
                .extracting(view -> view.path("patients").findValuesAsText("id"))
                .contains(List.of(mueller.id()), List.of(duplicate.id()));
        assertThat(views).flatExtracting(view -> view.path("patients").findValuesAsText("id"))
                .as("no answer named anyone else").isSubsetOf(mueller.id(), bronte.id(), duplicate.id());
    }

    @Test
    void everyVersionIsReadAgainAsItWasAndTheHistoryListsThemNewestFirstAsReadShowsThem() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier survivor = new PatientIdentifier("HS-" + run, "HOSP");
        PatientIdentifier duplicate = new PatientIdentifier("HD-" + run, "ER");
        Demographics registered = new Demographics(new PersonName("Hist", "Hanna", null, null, null),
                LocalDate.of(1950, 6, 7), "F");
        Demographics corrected = new Demographics(new PersonName("Historia", "Hanna", "Maria", null, null),
                LocalDate.of(1950, 6, 8), "F");
        send(new RegisterPatientCommand(survivor, registered));
        send(new UpdatePatientDemographicsCommand(survivor, corrected));
        send(new RegisterPatientCommand(duplicate, registered));
        send(new MergePatientsCommand(duplicate, survivor));
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        String survivorId = FhirPatientIds.of(survivor);
        String duplicateId = FhirPatientIds.of(duplicate);
        Patient current = eventually(() -> fhir.read().resource(Patient.class).withId(survivorId).execute(),
                read -> read.getMeta().getVersionId().equals("3"));
        Patient merged = eventually(() -> fhir.read().resource(Patient.class).withId(duplicateId).execute(),
                read -> read.getMeta().getVersionId().equals("2"));
        Instant before = Instant.now();

        // the survivor: registered, corrected, another merged into it; newest first, each saying how it came about
        Bundle history = fhir.history().onInstance(new IdType("Patient", survivorId)).returnBundle(Bundle.class)
                .execute();
        valid(history);
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(entry -> entry.getRequest().getMethod(),
                        entry -> entry.getRequest().getUrl(), entry -> entry.getResponse().getStatus(),
                        entry -> entry.getResponse().getEtag())
                .containsExactly(tuple(HTTPVerb.PUT, "Patient/" + survivorId + "/_history/3", "200 OK", "W/\"3\""),
                        tuple(HTTPVerb.PUT, "Patient/" + survivorId + "/_history/2", "200 OK", "W/\"2\""),
                        tuple(HTTPVerb.POST, "Patient/" + survivorId + "/_history/1", "201 Created", "W/\"1\""));
        history.getEntry().forEach(entry -> valid(entry.getResource()));
        List<Patient> versions = history.getEntry().stream().map(entry -> (Patient) entry.getResource()).toList();
        assertThat(json(fhir, versions.get(0))).as("the newest is what a read answers").isEqualTo(json(fhir, current));
        assertThat(versions.get(2).getNameFirstRep().getFamily()).isEqualTo("Hist");
        assertThat(versions.get(2).getBirthDateElement().getValueAsString()).isEqualTo("1950-06-07");
        assertThat(versions.get(2).getLink()).isEmpty();
        assertThat(versions.get(1).getNameFirstRep().getFamily()).isEqualTo("Historia");
        assertThat(versions.get(1).getNameFirstRep().getGiven()).extracting(Object::toString)
                .containsExactly("Hanna", "Maria");
        assertThat(versions.get(1).getBirthDateElement().getValueAsString()).isEqualTo("1950-06-08");
        assertThat(versions.get(1).getLink()).isEmpty();
        assertThat(versions.get(0).getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACES);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + duplicateId);
        });

        // the merged identity: registered, then replaced by the survivor
        Bundle mergedHistory = fhir.history().onInstance(new IdType("Patient", duplicateId))
                .returnBundle(Bundle.class).execute();
        valid(mergedHistory);
        List<Patient> mergedVersions = mergedHistory.getEntry().stream().map(entry -> (Patient) entry.getResource())
                .toList();
        assertThat(mergedVersions).extracting(one -> one.getMeta().getVersionId()).containsExactly("2", "1");
        assertThat(json(fhir, mergedVersions.get(0))).isEqualTo(json(fhir, merged));
        assertThat(mergedVersions.get(0).getActive()).isFalse();
        assertThat(mergedVersions.get(0).getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACEDBY);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + survivorId);
        });
        assertThat(mergedVersions.get(1).getActive()).isTrue();
        assertThat(mergedVersions.get(1).getLink()).isEmpty();

        // vread: each version as the history has it, with its ETag
        for (Patient version : versions) {
            String number = version.getMeta().getVersionId();
            Patient vread = fhir.read().resource(Patient.class).withIdAndVersion(survivorId, number).execute();
            valid(vread);
            assertThat(json(fhir, vread)).as("version " + number).isEqualTo(json(fhir, version));
        }
        HttpResponse<String> raw = server().get("/fhir/Patient/" + survivorId + "/_history/2", TestApi.USER,
                TestApi.PASSWORD);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("ETag")).contains("W/\"2\"");
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir-patient"), all -> all.stream()
                .filter(view -> view.path("view").asText().equals("fhir-patient-version")).count() >= 4);
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-patient-history"))
                .extracting(view -> view.path("patients").findValuesAsText("id"))
                .containsExactlyInAnyOrder(List.of(survivor.id()), List.of(duplicate.id()));
        assertThat(views).filteredOn(view -> view.path("view").asText().equals("fhir-patient-version"))
                .hasSize(4).allSatisfy(view -> assertThat(view.path("patients").findValuesAsText("id"))
                        .containsExactly(survivor.id()));

        // unknown versions, another patient's version, no such patient: 404, and no access recorded
        Instant refusalsBegin = Instant.now();
        for (String[] missing : new String[][] {{survivorId, "4"}, {survivorId, "0"}, {survivorId, "x"},
                {FhirPatientIds.of(new PatientIdentifier("HX-" + run, "HOSP")), "1"}}) {
            ResourceNotFoundException notFound = catchThrowableOfType(ResourceNotFoundException.class,
                    () -> fhir.read().resource(Patient.class).withIdAndVersion(missing[0], missing[1]).execute());
            assertThat(notFound).as(missing[0] + "/_history/" + missing[1]).isNotNull();
            assertThat(notFound.getStatusCode()).isEqualTo(404);
            outcome(notFound);
        }
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> fhir.read().resource(Patient.class)
                .withIdAndVersion(duplicateId, "3").execute()).getStatusCode())
                .as("the survivor's third version is not the merged one's").isEqualTo(404);
        ResourceNotFoundException noHistory = catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.history().onInstance(new IdType("Patient", "0123456789abcdef0123456789abcdef"))
                        .returnBundle(Bundle.class).execute());
        assertThat(noHistory.getStatusCode()).isEqualTo(404);
        outcome(noHistory);
        fhir.read().resource(Patient.class).withIdAndVersion(duplicateId, "1").execute();
        assertThat(eventually(() -> server().viewsSince(refusalsBegin, "fhir-patient"), all -> !all.isEmpty()))
                .as("only the vread that showed a patient").singleElement().satisfies(view -> {
                    assertThat(view.path("view").asText()).isEqualTo("fhir-patient-version");
                    assertThat(view.path("patients").findValuesAsText("id")).containsExactly(duplicate.id());
                });
    }

    private static String json(IGenericClient fhir, Patient patient) {
        Patient copy = patient.copy();
        copy.setIdElement(null);
        return fhir.getFhirContext().newJsonParser().encodeResourceToString(copy);
    }

    @Test
    void refusalsAreOperationOutcomesAndShowNoPatientNorRecordAnAccess() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("FR-" + run, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Refused", "Rita", null, null,
                null), LocalDate.of(1980, 5, 6), "F")));
        accounts.createIfAbsent("fhir-billing", "Billing Clerk", "billing-password-1", EnumSet.of(Role.BILLING),
                false);
        String id = FhirPatientIds.of(patient);
        IGenericClient fhir = server().client(TestApi.USER, TestApi.PASSWORD);
        eventually(() -> searchByUrl(fhir, "Patient?identifier=" + patient.id()), found -> found.getTotal() == 1
                || found.getEntry().size() == 1);
        Instant before = Instant.now();

        ResourceNotFoundException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> fhir.read().resource(Patient.class).withId("0123456789abcdef0123456789abcdef").execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        outcome(unknown);

        assertThat(outcome(catchThrowableOfType(InvalidRequestException.class,
                () -> searchByUrl(fhir, "Patient?nickname=Rita"))).getIssueFirstRep().getDiagnostics())
                .as("strict handling is the default, naming what is supported").contains("nickname")
                .contains("birthdate");
        assertThatThrownBy(() -> fhir.search().byUrl("Patient?identifier=" + patient.id() + "&nickname=Rita")
                .withAdditionalHeader("Prefer", "handling=strict").returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class);
        outcome(catchThrowableOfType(InvalidRequestException.class, () -> searchByUrl(fhir, "Patient")));
        outcome(catchThrowableOfType(InvalidRequestException.class,
                () -> searchByUrl(fhir, "Patient?name:contains=ef")));
        outcome(catchThrowableOfType(InvalidRequestException.class,
                () -> searchByUrl(fhir, "Patient?birthdate=1980,1981")));

        AuthenticationException anonymous = catchThrowableOfType(AuthenticationException.class,
                () -> server().client(null, null).read().resource(Patient.class).withId(id).execute());
        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(outcome(anonymous).getIssueFirstRep().getCode().toCode()).isEqualTo("login");
        HttpResponse<String> challenged = server().get("/fhir/Patient/" + id, null, null);
        assertThat(challenged.statusCode()).isEqualTo(401);
        assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(challenged.body()).doesNotContain(patient.id()).doesNotContain("Refused");
        assertThatThrownBy(() -> server().client(TestApi.USER, "wrong-password").read().resource(Patient.class)
                .withId(id).execute()).isInstanceOf(AuthenticationException.class);

        ForbiddenOperationException billing = catchThrowableOfType(ForbiddenOperationException.class,
                () -> server().client("fhir-billing", "billing-password-1").search().forResource(Patient.class)
                        .where(Patient.NAME.matches().value("refused")).returnBundle(Bundle.class).execute());
        assertThat(billing.getStatusCode()).isEqualTo(403);
        assertThat(outcome(billing).getIssueFirstRep().getCode().toCode()).isEqualTo("forbidden");
        HttpResponse<String> forbidden = server().get("/fhir/Patient/" + id, "fhir-billing", "billing-password-1");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).doesNotContain(patient.id()).doesNotContain("Refused");
        assertThat(server().get("/fhir/metadata", "fhir-billing", "billing-password-1").statusCode()).isEqualTo(200);

        // then one read that shows the patient: it is the only access recorded since the refusals began
        fhir.read().resource(Patient.class).withId(id).execute();
        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), all -> !all.isEmpty());
        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.path("view").asText()).isEqualTo("fhir-patient");
            assertThat(view.path("source").asText()).startsWith("GET /fhir/Patient/" + id);
        });
    }

    private static CapabilityStatementRestResourceComponent resource(
            List<CapabilityStatementRestResourceComponent> resources, String type) {
        return resources.stream().filter(one -> one.getType().equals(type)).findFirst().orElseThrow();
    }

    private void send(Object command) {
        TestCommands.send(commands, TestApi.USER, command);
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
