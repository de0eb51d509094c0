package org.rispacs.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** SMART scopes as the FHIR server reads them, and what they allow on which request. */
class SmartScopeRulesTest {

    private static final String PATIENT = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "fedcba9876543210fedcba9876543210";

    @Test
    void v1AndV2ScopesAreReadWithTheirContextTypeAndInteractions() {
        assertThat(SmartScope.parse("patient/*.read")).contains(new SmartScope(SmartScope.Context.PATIENT, "*",
                EnumSet.of(FhirInteraction.READ, FhirInteraction.SEARCH)));
        assertThat(SmartScope.parse("user/ServiceRequest.write")).contains(new SmartScope(SmartScope.Context.USER,
                "ServiceRequest", EnumSet.of(FhirInteraction.CREATE, FhirInteraction.UPDATE, FhirInteraction.DELETE)));
        assertThat(SmartScope.parse("system/Patient.*")).contains(new SmartScope(SmartScope.Context.SYSTEM,
                "Patient", EnumSet.allOf(FhirInteraction.class)));
        assertThat(SmartScope.parse("user/ImagingStudy.rs")).contains(new SmartScope(SmartScope.Context.USER,
                "ImagingStudy", EnumSet.of(FhirInteraction.READ, FhirInteraction.SEARCH)));
        assertThat(SmartScope.parse("system/*.cruds")).contains(new SmartScope(SmartScope.Context.SYSTEM, "*",
                EnumSet.allOf(FhirInteraction.class)));
        assertThat(SmartScope.parse("patient/Patient.r")).contains(new SmartScope(SmartScope.Context.PATIENT,
                "Patient", EnumSet.of(FhirInteraction.READ)));
    }

    @Test
    void otherScopesMisorderedLettersAndQueryNarrowedScopesGrantNothing() {
        for (String scope : List.of("openid", "launch", "fhirUser", "launch/patient", "offline_access",
                "user/*.sr", "user/*.rr", "user/*.x", "user/*.", "admin/*.read", "user/patient.read",
                "patient/Observation.rs?category=laboratory", "user/*.read extra", "")) {
            assertThat(SmartScope.parse(scope)).as(scope).isEmpty();
        }
        assertThat(SmartScope.parse(null)).isEqualTo(Optional.empty());
    }

    @Test
    void aScopeMustGrantTheInteractionOnEachTypeTouched() {
        assertGranted(get("/Patient/" + PATIENT), "user/*.read");
        assertGranted(get("/Patient/" + PATIENT), "user/Patient.r");
        assertRefused(get("/Patient/" + PATIENT), "user/Patient.s", "read of Patient");
        assertRefused(get("/Patient"), "user/Patient.r", "search of Patient");
        assertGranted(get("/ServiceRequest"), "user/ServiceRequest.s");
        assertRefused(get("/ImagingStudy"), "user/ServiceRequest.rs", "search of ImagingStudy");
        assertGranted(get("/ServiceRequest/abc/_history/2"), "system/ServiceRequest.r");
        assertRefused(get("/ServiceRequest", "_include", "ServiceRequest:patient"), "user/ServiceRequest.rs",
                "read of Patient");
        assertGranted(get("/ServiceRequest", "_include", "ServiceRequest:patient"),
                "user/ServiceRequest.rs user/Patient.r");
        assertRefused(get("/ServiceRequest", "_revinclude", "ImagingStudy:basedon"), "user/ServiceRequest.rs",
                "read of ImagingStudy");
        assertRefused(get("/ServiceRequest", "_include:iterate", "*"), "user/ServiceRequest.rs", "read of *");
        assertRefused(get(""), "user/ServiceRequest.rs", "search of *");
        assertGranted(get(""), "user/*.rs");
        assertRefused(post("/ServiceRequest"), "user/*.read", "create of ServiceRequest");
        assertGranted(post("/ServiceRequest"), "user/ServiceRequest.c");
        assertRefused(post(""), "user/ServiceRequest.c", "create of Patient");
        assertGranted(post(""), "system/ServiceRequest.c system/Patient.cu");
        assertRefused(get("/Patient/" + PATIENT), "openid fhirUser launch", "read of Patient");
    }

    @Test
    void patientScopesKeepReadsToThePatientOfTheToken() {
        assertGranted(get("/Patient/" + PATIENT), "patient/*.read", PATIENT);
        assertRefused(get("/Patient/" + OTHER), "patient/*.read", PATIENT, "only Patient/" + PATIENT);
        assertRefused(get("/Patient", "identifier", "x|1"), "patient/*.read", PATIENT, "no Patient search");
        assertGranted(get("/ImagingStudy", "patient", PATIENT), "patient/*.read", PATIENT);
        assertGranted(get("/DiagnosticReport", "patient", "Patient/" + PATIENT), "patient/*.rs", PATIENT);
        assertGranted(get("/ServiceRequest", "patient", PATIENT, "_include", "ServiceRequest:patient"),
                "patient/ServiceRequest.rs patient/Patient.r", PATIENT);
        assertRefused(get("/ImagingStudy", "patient", OTHER), "patient/*.read", PATIENT, "patient=" + PATIENT);
        assertRefused(get("/ImagingStudy"), "patient/*.read", PATIENT, "patient=" + PATIENT);
        assertRefused(get("/ImagingStudy", "patient", PATIENT + "," + OTHER), "patient/*.read", PATIENT,
                "patient=");
        assertRefused(get("/ServiceRequest", "patient", PATIENT, "patient.identifier", "x|1"), "patient/*.read",
                PATIENT, "patient=");
        assertRefused(get("/ImagingStudy/1.2.3"), "patient/*.read", PATIENT, "by searching with patient=");
        assertRefused(get("/ServiceRequest/abc/_history"), "patient/*.read", PATIENT, "by searching");
        assertRefused(get(""), "patient/*.read", PATIENT, "by searching");
        assertGranted(get("/Endpoint/dicomweb"), "patient/*.read", PATIENT);
        assertRefused(get("/Patient/" + PATIENT), "patient/*.read", null, "no patient claim");
        assertRefused(post("/ServiceRequest"), "patient/*.write", PATIENT, "only read");
        // a user scope for the same thing lifts the compartment
        assertGranted(get("/Patient/" + OTHER), "patient/*.read user/Patient.r", PATIENT);
        assertRefused(get("/Patient/" + OTHER), "patient/*.read user/ServiceRequest.r", PATIENT, "only Patient/");
    }

    @Test
    void theScopeClaimIsReadAsAStringOrAList() {
        assertThat(SmartScopeRules.scopes(token(Map.of("scope", "user/*.read  openid")))).containsExactly(
                "user/*.read", "openid");
        assertThat(SmartScopeRules.scopes(token(Map.of("scope", List.of("user/*.read", "openid"))))).containsExactly(
                "user/*.read", "openid");
        assertThat(SmartScopeRules.scopes(token(Map.of("scp", List.of("system/*.rs"))))).containsExactly(
                "system/*.rs");
        assertThat(SmartScopeRules.scopes(token(Map.of()))).isEmpty();
    }

    @Test
    void aTokensUserIsNamedByTheConfiguredClaimElseSubInTheIssuersRoleOrMappedRoles() {
        BearerIssuer fixed = new BearerIssuer(URI.create("https://ehr.example"), "https://ris.example/fhir",
                "fhirUser", Role.RADIOLOGIST, "roles", Map.of());
        JwtAuthenticationToken named = BearerTokens.user(fixed, token(Map.of("fhirUser", "Practitioner/7",
                "roles", List.of("whatever"))));
        assertThat(named.getName()).isEqualTo("Practitioner/7");
        assertThat(named.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly(
                "ROLE_RADIOLOGIST");
        assertThat(BearerTokens.user(fixed, token(Map.of())).getName()).isEqualTo("subject-1");

        BearerIssuer mapped = new BearerIssuer(URI.create("https://idp.example"), "https://ris.example/fhir",
                "sub", null, "groups", Map.of("rad", Role.RADIOLOGIST, "audit", Role.AUDITOR));
        assertThat(BearerTokens.user(mapped, token(Map.of("groups", List.of("rad", "audit", "other"))))
                .getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_RADIOLOGIST", "ROLE_AUDITOR");
        assertThat(BearerTokens.user(mapped, token(Map.of("groups", "audit other"))).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_AUDITOR");
        assertThat(BearerTokens.user(mapped, token(Map.of("groups", List.of("other")))).getAuthorities()).isEmpty();
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("subject-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(token::claim);
        return token.build();
    }

    private record Request(String method, String path, Map<String, String[]> parameters) {
    }

    private static Request get(String path, String... parameters) {
        return new Request("GET", path, parameters(parameters));
    }

    private static Request post(String path) {
        return new Request("POST", path, Map.of());
    }

    private static Map<String, String[]> parameters(String... namesAndValues) {
        Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], new String[] {namesAndValues[i + 1]});
        }
        return parameters;
    }

    private static void assertGranted(Request request, String scopes) {
        assertGranted(request, scopes, null);
    }

    private static void assertGranted(Request request, String scopes, String patient) {
        AuthorizationDecision decision = decide(request, scopes, patient);
        assertThat(decision.isGranted()).as(request + " with " + scopes + ": "
                + (decision instanceof ScopeRefusal refusal ? refusal.reason() : "")).isTrue();
    }

    private static void assertRefused(Request request, String scopes, String reason) {
        assertRefused(request, scopes, null, reason);
    }

    private static void assertRefused(Request request, String scopes, String patient, String reason) {
        AuthorizationDecision decision = decide(request, scopes, patient);
        assertThat(decision.isGranted()).as(request.method() + " " + request.path() + " with " + scopes).isFalse();
        assertThat(decision).isInstanceOf(ScopeRefusal.class);
        assertThat(((ScopeRefusal) decision).reason()).contains(reason);
    }

    private static AuthorizationDecision decide(Request request, String scopes, String patient) {
        return SmartScopeRules.decide(request.method(), request.path(), request.parameters(),
                List.of(scopes.split(" ")), patient);
    }
}
