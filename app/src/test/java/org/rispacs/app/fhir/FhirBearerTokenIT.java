package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rispacs.app.fhir.FhirTestClient.FHIR;
import static org.rispacs.app.fhir.FhirTestClient.outcome;
import static org.rispacs.app.fhir.FhirTestClient.valid;
import static org.rispacs.app.support.Eventually.eventually;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestAuthorizationServer;
import org.rispacs.app.support.TestDepartment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer tokens on the FHIR server, from a real authorization server (Spring Authorization Server,
 * client credentials) through HAPI's generic client: a token of the trusted issuer naming our FHIR base
 * reads and searches as far as its SMART scopes and its user's roles allow, and the audit trail names
 * its user; no token, a malformed one, an expired one, one from an issuer not trusted or for another
 * audience get 401 OperationOutcomes with the Bearer challenge; a token without the scope, or whose
 * user lacks the role, gets 403; a patient-scoped token reads only its patient; a refused order keeps
 * nothing, an allowed one is placed by the token's user. HTTP Basic works beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirBearerTokenIT extends ApplicationTest {

    private static final String AUDIENCE = "https://ris.hospital.example/fhir";
    private static final String PROCEDURES = "http://hospital.example/procedures";
    private static final String SECRET = "client-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAuthorizationServer EHR = TestAuthorizationServer.start(List.of());
    /** An authorization server as real as the EHR's, that the application was not told to trust. */
    private static final TestAuthorizationServer STRANGER = TestAuthorizationServer.start(List.of());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ris.hl7.outbound-enabled", () -> "false");
        registry.add("ris.fhir.coding-systems.RIS", () -> PROCEDURES);
        registry.add("ris.fhir.bearer.issuers.ehr.issuer-uri", EHR::issuer);
        registry.add("ris.fhir.bearer.issuers.ehr.audience", () -> AUDIENCE);
        registry.add("ris.fhir.bearer.issuers.ehr.username-claim", () -> "fhirUser");
        registry.add("ris.fhir.bearer.issuers.ehr.roles.radiology", () -> "RADIOLOGIST");
        registry.add("ris.fhir.bearer.issuers.ehr.roles.orders", () -> "TECHNOLOGIST");
    }

    @AfterAll
    void stopTheAuthorizationServers() {
        EHR.close();
        STRANGER.close();
    }

    @Test
    void aTrustedTokenReadsAndSearchesAndTheAuditTrailNamesItsUser() {
        PatientIdentifier patient = known("Bearer", "Berta");
        String id = FhirPatientIds.of(patient);
        String user = "Practitioner/dr-reader-" + run();
        Instant before = Instant.now();

        IGenericClient fhir = bearer(token(EHR, Set.of("openid", "user/*.read"), "user/*.read",
                Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"), "fhirUser", user)));
        Patient read = fhir.read().resource(Patient.class).withId(id).execute();
        valid(read);
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Bearer");
        Bundle orders = FhirTestClient.searchByUrl(fhir, "ServiceRequest?patient=" + id);
        assertThat(orders.getEntry()).hasSize(1);

        List<JsonNode> views = eventually(() -> views(before, user), found -> found.size() >= 2);
        assertThat(views).extracting(view -> view.path("view").asText())
                .containsExactlyInAnyOrder("fhir-patient", "fhir-service-request-search");
        assertThat(views).allSatisfy(view -> {
            assertThat(view.path("channel").asText()).isEqualTo("fhir");
            assertThat(view.path("patients").findValuesAsText("id")).containsExactly(patient.id());
        });

        // a token naming no fhirUser: its user is its subject, the client it was issued to
        String client = "reader-sub-" + run();
        IGenericClient bySubject = bearer(tokenOf(EHR, client, Set.of("user/*.read"), "user/*.read",
                Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"))));
        bySubject.read().resource(Patient.class).withId(id).execute();
        assertThat(eventually(() -> views(before, client), found -> !found.isEmpty()))
                .extracting(view -> view.path("view").asText()).containsExactly("fhir-patient");

        // HTTP Basic as before
        assertThat(server().client().read().resource(Patient.class).withId(id).execute().getIdPart()).isEqualTo(id);
    }

    @Test
    void tokensNotTrustedAre401OperationOutcomesWithTheBearerChallengeAndShowNothing() throws Exception {
        PatientIdentifier patient = known("Refused", "Rolf");
        String path = "/fhir/Patient/" + FhirPatientIds.of(patient);
        Map<String, Object> good = Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"));
        Instant before = Instant.now();

        HttpResponse<String> none = get(path, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().allValues("WWW-Authenticate")).anySatisfy(value -> assertThat(value)
                .startsWith("Basic realm=")).anySatisfy(value -> assertThat(value).startsWith("Bearer realm="));
        valid(FHIR.newJsonParser().parseResource(OperationOutcome.class, none.body()));

        assertUnauthorized(path, "not-a-token", "invalid_token");
        assertUnauthorized(path, token(STRANGER, Set.of("user/*.read"), "user/*.read", good), "invalid_token");
        assertUnauthorized(path, token(EHR, Set.of("user/*.read"), "user/*.read",
                Map.of("aud", List.of("https://elsewhere.example/fhir"), "roles", List.of("radiology"))), "aud");
        Instant hourAgo = Instant.now().minusSeconds(3600);
        assertUnauthorized(path, token(EHR, Set.of("user/*.read"), "user/*.read", Map.of("aud", List.of(AUDIENCE),
                "roles", List.of("radiology"), "iat", hourAgo.minusSeconds(600), "exp", hourAgo)), "expired");

        // through HAPI's client: the refusal is an OperationOutcome
        BaseServerResponseException refused = catchThrowableOfType(BaseServerResponseException.class,
                () -> bearer("not-a-token").read().resource(Patient.class).withId(FhirPatientIds.of(patient))
                        .execute());
        assertThat(outcome(refused, 401).getIssueFirstRep().getDiagnostics()).contains("bearer token refused");

        assertOnlyTheReadAfterwardsWasRecorded(before, patient);
    }

    @Test
    void aTokenWithoutTheScopeOrTheRoleIs403AndAPatientTokenReadsOnlyItsPatient() throws Exception {
        PatientIdentifier mine = known("Mine", "Mia");
        PatientIdentifier other = known("Other", "Otto");
        String myId = FhirPatientIds.of(mine);
        String otherId = FhirPatientIds.of(other);
        Map<String, Object> radiologist = Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"));
        Instant before = Instant.now();

        String ordersOnly = token(EHR, Set.of("user/ServiceRequest.rs"), "user/ServiceRequest.rs", radiologist);
        assertForbidden(bearer(ordersOnly), "Patient/" + myId, "insufficient_scope");
        assertForbidden(bearer(ordersOnly), "ServiceRequest?patient=" + myId + "&_include=ServiceRequest:patient",
                "read of Patient");
        HttpResponse<String> challenged = get("/fhir/Patient/" + myId, ordersOnly);
        assertThat(challenged.statusCode()).isEqualTo(403);
        assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .contains("error=\"insufficient_scope\""));
        assertThat(FhirTestClient.searchByUrl(bearer(ordersOnly), "ServiceRequest?patient=" + myId).getEntry())
                .hasSize(1);

        String noRole = token(EHR, Set.of("user/*.read"), "user/*.read",
                Map.of("aud", List.of(AUDIENCE), "roles", List.of("ward-clerks")));
        assertForbidden(bearer(noRole), "Patient/" + myId, "roles");
        String reader = token(EHR, Set.of("user/*.read"), "user/*.read", radiologist);
        assertForbidden(bearer(reader), "AuditEvent?patient=Patient/" + myId, "roles");

        String patientToken = token(EHR, Set.of("launch/patient", "patient/*.read"), "launch/patient patient/*.read",
                Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"), "patient", myId));
        IGenericClient app = bearer(patientToken);
        assertThat(app.read().resource(Patient.class).withId(myId).execute().getIdPart()).isEqualTo(myId);
        assertThat(FhirTestClient.searchByUrl(app, "ServiceRequest?patient=Patient/" + myId).getEntry()).hasSize(1);
        assertForbidden(app, "Patient/" + otherId, "only Patient/" + myId);
        assertForbidden(app, "Patient?name=Other", "no Patient search");
        assertForbidden(app, "ServiceRequest?patient=" + otherId, "patient=" + myId);
        assertForbidden(app, "ServiceRequest?status=active", "patient=" + myId);

        List<JsonNode> views = eventually(() -> server().viewsSince(before, "fhir"), found -> found.size() >= 3);
        assertThat(views).extracting(view -> view.path("view").asText()).containsExactlyInAnyOrder(
                "fhir-service-request-search", "fhir-patient", "fhir-service-request-search");
        assertThat(views).allSatisfy(view -> assertThat(view.path("patients").findValuesAsText("id"))
                .containsExactly(mine.id()));
    }

    @Test
    void aRefusedOrderKeepsNothingAndAnAllowedOneIsPlacedByTheTokensUser() {
        PatientIdentifier patient = known("Order", "Olga");
        String orderer = "Practitioner/dr-orders-" + run();
        Map<String, Object> technologist = Map.of("aud", List.of(AUDIENCE), "roles", List.of("orders"),
                "fhirUser", orderer);
        long before = placedFor(patient).size();

        IGenericClient readOnly = bearer(token(EHR, Set.of("user/*.read"), "user/*.read", technologist));
        BaseServerResponseException noScope = catchThrowableOfType(BaseServerResponseException.class,
                () -> readOnly.create().resource(order(patient)).execute());
        assertThat(outcome(noScope, 403).getIssueFirstRep().getDiagnostics()).contains("insufficient_scope")
                .contains("create of ServiceRequest");
        IGenericClient radiologist = bearer(token(EHR, Set.of("user/ServiceRequest.c"), "user/ServiceRequest.c",
                Map.of("aud", List.of(AUDIENCE), "roles", List.of("radiology"))));
        BaseServerResponseException noRole = catchThrowableOfType(BaseServerResponseException.class,
                () -> radiologist.create().resource(order(patient)).execute());
        assertThat(outcome(noRole, 403).getIssueFirstRep().getDiagnostics()).contains("roles");
        IGenericClient transactionWithoutPatientScope = bearer(token(EHR, Set.of("user/ServiceRequest.c"),
                "user/ServiceRequest.c", technologist));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(order(patient)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("ServiceRequest");
        BaseServerResponseException noPatientScope = catchThrowableOfType(BaseServerResponseException.class,
                () -> transactionWithoutPatientScope.transaction().withBundle(transaction).execute());
        assertThat(outcome(noPatientScope, 403).getIssueFirstRep().getDiagnostics()).contains("of Patient");
        assertThat(placedFor(patient)).as("nothing of a refused order is kept").hasSize((int) before);

        IGenericClient ordering = bearer(token(EHR, Set.of("user/ServiceRequest.c"), "user/ServiceRequest.c",
                technologist));
        MethodOutcome placed = ordering.create().resource(order(patient)).execute();
        assertThat(placed.getCreated()).isTrue();
        List<TrackedEventMessage<?>> orders = eventually(() -> placedFor(patient), found -> found.size() > before);
        assertThat(orders).hasSize((int) before + 1);
        TrackedEventMessage<?> order = orders.get(orders.size() - 1);
        assertThat(((OrderPlacedEvent) order.getPayload()).procedure().code()).isEqualTo("CTHEAD");
        assertThat(((OrderPlacedEvent) order.getPayload()).orderId()).isEqualTo(placed.getId().getIdPart());
        assertThat(order.getMetaData().get("actor")).isEqualTo(orderer);
        assertThat(order.getMetaData().get("channel")).isEqualTo("fhir");
    }

    @Test
    void theCapabilityStatementAndTheSmartConfigurationTellWhereTokensComeFrom() throws Exception {
        CapabilityStatement capabilities = server().client(null, null).capabilities()
                .ofType(CapabilityStatement.class).execute();

        valid(capabilities);
        CapabilityStatementRestSecurityComponent security = capabilities.getRestFirstRep().getSecurity();
        assertThat(security.getService()).extracting(service -> service.getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("Basic", "SMART-on-FHIR");
        assertThat(security.getDescription()).contains(EHR.issuer());
        Extension uris = security.getExtensionByUrl(
                "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(uris).isNotNull();
        assertThat(uris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(EHR.issuer() + "/oauth2/authorize");
        assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(EHR.issuer() + "/oauth2/token");

        HttpResponse<String> smart = get("/fhir/.well-known/smart-configuration", null);
        assertThat(smart.statusCode()).isEqualTo(200);
        JsonNode configuration = JSON.readTree(smart.body());
        assertThat(configuration.path("issuer").asText()).isEqualTo(EHR.issuer());
        assertThat(configuration.path("token_endpoint").asText()).isEqualTo(EHR.issuer() + "/oauth2/token");
        assertThat(configuration.path("authorization_endpoint").asText())
                .isEqualTo(EHR.issuer() + "/oauth2/authorize");
        assertThat(configuration.path("jwks_uri").asText()).startsWith(EHR.issuer());
        assertThat(JSON.convertValue(configuration.path("capabilities"), List.class)).contains("permission-patient",
                "permission-user", "permission-v1", "permission-v2");
        assertThat(JSON.convertValue(configuration.path("scopes_supported"), List.class)).contains("patient/*.read",
                "user/*.read", "system/*.read");
    }

    private void assertUnauthorized(String path, String token, String error) throws Exception {
        HttpResponse<String> answer = get(path, token);
        assertThat(answer.statusCode()).as(token).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Bearer ").contains("error=\"invalid_token\""));
        OperationOutcome outcome = valid(FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body()));
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("bearer token refused");
        assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow() + outcome.getIssueFirstRep()
                .getDiagnostics()).contains(error);
    }

    private static void assertForbidden(IGenericClient fhir, String url, String reason) {
        BaseServerResponseException refused = url.contains("?")
                ? catchThrowableOfType(BaseServerResponseException.class,
                        () -> fhir.search().byUrl(url).returnBundle(Bundle.class).execute())
                : catchThrowableOfType(BaseServerResponseException.class, () -> fhir.read()
                        .resource(url.substring(0, url.indexOf('/'))).withId(url.substring(url.indexOf('/') + 1))
                        .execute());
        assertThat(outcome(refused, 403).getIssueFirstRep().getDiagnostics()).as(url).contains(reason);
    }

    /** After the refusals, a read with HTTP Basic: once it is on the trail, nothing before it since {@code since}. */
    private void assertOnlyTheReadAfterwardsWasRecorded(Instant since, PatientIdentifier patient) {
        server().client().read().resource(Patient.class).withId(FhirPatientIds.of(patient)).execute();
        List<JsonNode> views = eventually(() -> server().viewsSince(since, "fhir"), found -> !found.isEmpty());
        assertThat(views).singleElement().satisfies(view ->
                assertThat(view.path("actor").asText()).isEqualTo(TestApi.USER));
    }

    /** A patient with one order, visible on the FHIR server. */
    private PatientIdentifier known(String family, String given) {
        TestDepartment department = new TestDepartment(commands, eventStore, "bearer-it");
        PatientIdentifier patient = department.patient(family, given);
        department.order(patient, "CT");
        eventually(() -> server().client().search().byUrl("ServiceRequest?patient=" + FhirPatientIds.of(patient))
                .returnBundle(Bundle.class).execute(), found -> found.getEntry().size() == 1);
        return patient;
    }

    private List<JsonNode> views(Instant since, String actor) {
        return server().viewsSince(since, "fhir").stream().filter(view -> view.path("actor").asText().equals(actor))
                .toList();
    }

    private List<TrackedEventMessage<?>> placedFor(PatientIdentifier patient) {
        List<TrackedEventMessage<?>> placed = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.getPayload() instanceof OrderPlacedEvent order && order.patient().equals(patient)
                        && !"bearer-it".equals(event.getMetaData().get("actor"))) {
                    placed.add(event);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
        return placed;
    }

    private static ServiceRequest order(PatientIdentifier patient) {
        ServiceRequest request = new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequestIntent.ORDER)
                .setSubject(new Reference("Patient/" + FhirPatientIds.of(patient)));
        request.addCategory().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("CT");
        request.getCode().addCoding().setSystem(PROCEDURES).setCode("CTHEAD").setDisplay("CT head");
        request.getRequester().setDisplay("Dr Bearer");
        return request;
    }

    /** A token of a new client of that server, registered with these scopes, asking for these. */
    private static String token(TestAuthorizationServer server, Set<String> registered, String asked,
                                Map<String, Object> claims) {
        return tokenOf(server, "client-" + run(), registered, asked, claims);
    }

    private static String tokenOf(TestAuthorizationServer server, String client, Set<String> registered, String asked,
                                  Map<String, Object> claims) {
        server.registerServiceClient(client, SECRET, registered, claims);
        return server.clientCredentialsToken(client, SECRET, asked);
    }

    private IGenericClient bearer(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private FhirTestClient server() {
        return FhirTestClient.onPort(port);
    }
}
