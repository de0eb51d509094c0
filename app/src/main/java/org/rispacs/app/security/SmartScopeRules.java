package org.rispacs.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.UriUtils;

/**
 * What a bearer token's SMART scopes allow on the FHIR server, on top of the user's roles (HTTP
 * Basic users have no scopes: their roles alone decide). Every resource type a request touches
 * needs a scope granting the interaction: the type searched or read, each type an
 * {@code _include} or {@code _revinclude} adds (read), the ServiceRequest created, and for a
 * transaction also the Patient it may create or update.
 * <p>
 * When only {@code patient/} scopes grant it, the request must stay in the compartment of the
 * token's {@code patient} claim (our Patient id), and only reads are allowed: {@code Patient/<that id>}
 * itself; searches of other types narrowed by exactly {@code patient=<that id>} (or
 * {@code Patient/<that id>}); and the Endpoint, which holds no patient data. Anything else is
 * refused rather than filtered: Patient searches, reads of other types by id, histories,
 * system-level requests and writes.
 */
final class SmartScopeRules implements AuthorizationManager<RequestAuthorizationContext> {

    static final String PATIENT_CLAIM = "patient";
    private static final String PATIENT = "Patient";
    private static final String SERVICE_REQUEST = "ServiceRequest";
    /** The resource types that hold no patient data, so a patient scope needs no compartment for them. */
    private static final Set<String> OUTSIDE_COMPARTMENTS = Set.of("Endpoint");
    /** What each {@code _include} adds: the target type of the reference searched. */
    private static final Map<String, String> INCLUDE_TARGETS = Map.of(
            "ServiceRequest:patient", PATIENT,
            "ImagingStudy:patient", PATIENT,
            "ImagingStudy:basedon", SERVICE_REQUEST,
            "ImagingStudy:endpoint", "Endpoint",
            "DiagnosticReport:patient", PATIENT,
            "DiagnosticReport:based-on", SERVICE_REQUEST,
            "DiagnosticReport:imaging-study", "ImagingStudy");

    private final String base;

    /** @param base where the FHIR server is, e.g. {@code /fhir} */
    SmartScopeRules(String base) {
        this.base = base;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof JwtAuthenticationToken bearer)) {
            return new AuthorizationDecision(true);
        }
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String within = path.startsWith(base) ? path.substring(base.length()) : path;
        return decide(request.getMethod(), within, request.getParameterMap(), scopes(bearer.getToken()),
                bearer.getToken().getClaimAsString(PATIENT_CLAIM));
    }

    /** The scope claim as SMART sends it (space-separated) or as a list ({@code scope} or {@code scp}). */
    static List<String> scopes(Jwt token) {
        Object claim = token.hasClaim("scope") ? token.getClaim("scope") : token.getClaim("scp");
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return claim instanceof String text ? Arrays.asList(text.strip().split("\\s+")) : List.of();
    }

    /**
     * The decision for a request.
     *
     * @param method     the HTTP method
     * @param path       the path under the FHIR base ({@code /Patient/123}, {@code ""} for the base itself)
     * @param parameters the query parameters
     * @param scopes     the token's scopes
     * @param patient    the token's {@code patient} claim, if any
     */
    static AuthorizationDecision decide(String method, String path, Map<String, String[]> parameters,
                                        Collection<String> scopes, String patient) {
        List<SmartScope> granted = scopes.stream().map(SmartScope::parse).flatMap(Optional::stream).toList();
        List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty())
                .map(segment -> UriUtils.decode(segment, StandardCharsets.UTF_8)).toList();
        String type = segments.isEmpty() || !isType(segments.get(0)) ? SmartScope.ANY_TYPE : segments.get(0);
        List<Need> needs = needs(method, segments, type, parameters);
        boolean onlyPatientScopes = false;
        for (Need need : needs) {
            Set<SmartScope.Context> contexts = granted.stream().filter(scope -> scope.grants(need.type(),
                    need.interaction())).map(SmartScope::context).collect(Collectors.toSet());
            if (contexts.isEmpty()) {
                return new ScopeRefusal("no scope of this token grants " + need + " (e.g. user/" + need.type()
                        + "." + need.interaction().letter() + ")");
            }
            onlyPatientScopes |= contexts.equals(Set.of(SmartScope.Context.PATIENT));
        }
        if (!onlyPatientScopes) {
            return new AuthorizationDecision(true);
        }
        return inCompartment(method, segments, type, parameters, patient);
    }

    private static AuthorizationDecision inCompartment(String method, List<String> segments, String type,
                                                       Map<String, String[]> parameters, String patient) {
        if (patient == null || patient.isBlank()) {
            return new ScopeRefusal("the token's patient scopes name no patient (no patient claim)");
        }
        if (!"GET".equals(method)) {
            return new ScopeRefusal("patient scopes only read");
        }
        if (OUTSIDE_COMPARTMENTS.contains(type) && segments.size() == 2) {
            return new AuthorizationDecision(true);
        }
        if (PATIENT.equals(type)) {
            boolean thatPatient = segments.size() >= 2 && patient.equals(segments.get(1))
                    && (segments.size() == 2 || "_history".equals(segments.get(2)));
            return thatPatient ? new AuthorizationDecision(true)
                    : new ScopeRefusal("the token's patient scopes allow only Patient/" + patient
                            + " (read by id; no Patient search)");
        }
        if (segments.size() != 1 || SmartScope.ANY_TYPE.equals(type)) {
            return new ScopeRefusal("with patient scopes, " + type + " is read by searching with patient="
                    + patient);
        }
        List<String> patientParameters = parameters.keySet().stream().filter(name -> name.equals("patient")
                || name.startsWith("patient:") || name.startsWith("patient.") || name.startsWith("subject"))
                .toList();
        String[] values = parameters.get("patient");
        boolean narrowed = patientParameters.equals(List.of("patient")) && values.length == 1
                && (values[0].equals(patient) || values[0].equals(PATIENT + "/" + patient));
        return narrowed ? new AuthorizationDecision(true)
                : new ScopeRefusal("with patient scopes, a " + type + " search must name exactly patient=" + patient);
    }

    private static List<Need> needs(String method, List<String> segments, String type,
                                    Map<String, String[]> parameters) {
        List<Need> needs = new ArrayList<>();
        switch (method) {
            case "GET", "HEAD" -> {
                boolean instance = segments.size() >= 2 && !isOperation(segments.get(1));
                needs.add(new Need(type, instance ? FhirInteraction.READ : FhirInteraction.SEARCH));
                parameters.forEach((name, values) -> {
                    for (String value : values) {
                        if (name.startsWith("_revinclude")) {
                            needs.add(new Need(includeSource(value), FhirInteraction.READ));
                        } else if (name.startsWith("_include")) {
                            needs.add(new Need(INCLUDE_TARGETS.getOrDefault(value, SmartScope.ANY_TYPE),
                                    FhirInteraction.READ));
                        }
                    }
                });
            }
            case "POST" -> {
                if (segments.isEmpty()) {
                    // a transaction: one ServiceRequest to create, and the Patient it may create or update
                    needs.add(new Need(SERVICE_REQUEST, FhirInteraction.CREATE));
                    needs.add(new Need(PATIENT, FhirInteraction.CREATE));
                    needs.add(new Need(PATIENT, FhirInteraction.UPDATE));
                } else {
                    needs.add(new Need(type, segments.size() == 1 ? FhirInteraction.CREATE : FhirInteraction.SEARCH));
                }
            }
            case "PUT", "PATCH" -> needs.add(new Need(type, FhirInteraction.UPDATE));
            case "DELETE" -> needs.add(new Need(type, FhirInteraction.DELETE));
            default -> needs.add(new Need(SmartScope.ANY_TYPE, FhirInteraction.DELETE));
        }
        return needs;
    }

    private static String includeSource(String value) {
        int colon = value.indexOf(':');
        String source = colon > 0 ? value.substring(0, colon) : value;
        return isType(source) ? source : SmartScope.ANY_TYPE;
    }

    private static boolean isType(String segment) {
        return !segment.isEmpty() && Character.isUpperCase(segment.charAt(0)) && segment.chars()
                .allMatch(Character::isLetter);
    }

    private static boolean isOperation(String segment) {
        return segment.startsWith("_") || segment.startsWith("$");
    }

    /** An interaction on a resource type that some scope must grant. */
    private record Need(String type, FhirInteraction interaction) {
        @Override
        public String toString() {
            return interaction.name().toLowerCase(Locale.ROOT) + " of " + type;
        }
    }
}
