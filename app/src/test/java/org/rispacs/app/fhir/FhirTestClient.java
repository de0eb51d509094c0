package org.rispacs.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.rispacs.app.support.TestApi;

/**
 * The FHIR server of a running application as the FHIR tests talk to it: HAPI's generic client or plain HTTP,
 * with HTTP Basic or anonymously, and HAPI's R4 validator, which every resource a test looks at passes
 * (errors fail the test; warnings and information do not).
 */
public final class FhirTestClient {

    public static final FhirContext FHIR = context();
    private static final String VIEWED = "PatientDataViewedEvent";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirValidator VALIDATOR = validator();

    private final URI base;

    /** @param base the application's root, e.g. {@code http://127.0.0.1:8080} */
    public FhirTestClient(URI base) {
        this.base = base;
    }

    /** HAPI's R4 context, whose clients wait for an answer longer than HAPI's 10 s: CI machines are loaded. */
    private static FhirContext context() {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setSocketTimeout(60_000);
        return context;
    }

    /** The application of an {@code ApplicationTest}, on loopback. */
    public static FhirTestClient onPort(int port) {
        return new FhirTestClient(URI.create("http://127.0.0.1:" + port));
    }

    /** HAPI's generic client on {@code /fhir}, with HTTP Basic, or anonymous for a null user. */
    public IGenericClient client(String user, String password) {
        IGenericClient client = FHIR.newRestfulGenericClient(base.resolve("/fhir").toString());
        if (user != null) {
            client.registerInterceptor(new BasicAuthInterceptor(user, password));
        }
        return client;
    }

    /** HAPI's generic client on {@code /fhir} with the test context's integration account ({@link TestApi}). */
    public IGenericClient client() {
        return client(TestApi.USER, TestApi.PASSWORD);
    }

    /** A GET answered as it came (any status), with HTTP Basic, or anonymous for a null user. */
    public HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send(request(path, user, password), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET asking for a media type, answered as it came in bytes. */
    public HttpResponse<byte[]> get(URI uri, String accept, String user, String password) throws Exception {
        return send(request(uri, user, password).header("Accept", accept), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST of a FHIR JSON body answered as it came, with HTTP Basic, or anonymous for a null user. */
    public HttpResponse<String> post(String path, String body, String user, String password) throws Exception {
        return send(request(path, user, password).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The access events since an instant whose view starts with a prefix (e.g. {@code fhir}), any actor's, each
     * as its payload with actor, channel and source added; read with the test context's integration account.
     */
    public List<JsonNode> viewsSince(Instant since, String viewPrefix) {
        JsonNode entries = TestApi.client(base.getPort()).get().uri("/api/audit/timeline?size=1000&from=" + since)
                .retrieve().body(JsonNode.class);
        List<JsonNode> views = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (entry.path("type").asText().equals(VIEWED)) {
                try {
                    ObjectNode view = (ObjectNode) JSON.readTree(entry.path("payload").asText());
                    view.put("actor", entry.path("actor").asText());
                    view.put("channel", entry.path("channel").asText());
                    view.put("source", entry.path("source").asText());
                    if (view.path("view").asText().startsWith(viewPrefix)) {
                        views.add(view);
                    }
                } catch (JsonProcessingException unreadable) {
                    throw new AssertionError("unreadable payload " + entry, unreadable);
                }
            }
        }
        return views;
    }

    /** A search answer (a URL relative to {@code /fhir}), valid as a whole and in each resource. */
    public static Bundle searchByUrl(IGenericClient fhir, String url) {
        Bundle bundle = fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
        valid(bundle);
        bundle.getEntry().forEach(entry -> valid(entry.getResource()));
        return bundle;
    }

    /** The logical ids of a bundle's resources, in its order. */
    public static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    /** A refusal's OperationOutcome, which it must have and which must be valid. */
    public static OperationOutcome outcome(BaseServerResponseException refusal) {
        assertThat(refusal).as("the refusal").isNotNull();
        assertThat(refusal.getOperationOutcome()).as("its OperationOutcome").isInstanceOf(OperationOutcome.class);
        valid(refusal.getOperationOutcome());
        return (OperationOutcome) refusal.getOperationOutcome();
    }

    /** As {@link #outcome(BaseServerResponseException)}, of a refusal that must have an HTTP status. */
    public static OperationOutcome outcome(BaseServerResponseException refusal, int status) {
        assertThat(refusal).as("the refusal").isNotNull();
        assertThat(refusal.getStatusCode()).isEqualTo(status);
        return outcome(refusal);
    }

    /** Fails with the resource as JSON unless HAPI's validator finds no error (or worse) in it. */
    public static <T extends IBaseResource> T valid(T resource) {
        List<SingleValidationMessage> errors = VALIDATOR.validateWithResult(resource).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertThat(errors).as(FHIR.newJsonParser().encodeResourceToString(resource)).isEmpty();
        return resource;
    }

    /** The value of an HTTP Basic {@code Authorization} header. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static FhirValidator validator() {
        // the tests' server has no need to be asked for its CapabilityStatement before each first request
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        // the subscriptions' resources declare the Backport IG's profiles, which the validator does not know:
        // it says so as a warning and validates them against R4
        FhirInstanceValidator instances = new FhirInstanceValidator(support);
        instances.setErrorForUnknownProfiles(false);
        return FHIR.newValidator().registerValidatorModule(instances);
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        return request(base.resolve(path), user, password);
    }

    private static HttpRequest.Builder request(URI uri, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return request;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), body);
        }
    }
}
