package org.rispacs.app.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rispacs.app.security.FhirBearerProperties;
import org.springframework.http.MediaType;

/**
 * {@code GET /fhir/.well-known/smart-configuration} (public), with bearer tokens accepted: what this
 * server accepts (SMART v1 and v2 resource scopes in the patient, user and system contexts) and, when
 * exactly one issuer is trusted, where its tokens come from. Without any issuer configured: 404.
 */
class SmartConfigurationServlet extends HttpServlet {

    static final String PATH = "/.well-known/smart-configuration";
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient FhirBearerProperties properties;
    private final transient IssuerMetadata issuer;

    SmartConfigurationServlet(FhirBearerProperties properties, IssuerMetadata issuer) {
        this.properties = properties;
        this.issuer = issuer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!properties.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        issuer.document().ifPresent(document -> {
            for (String name : List.of("issuer", "jwks_uri", "authorization_endpoint", "token_endpoint",
                    "grant_types_supported", "code_challenge_methods_supported",
                    "token_endpoint_auth_methods_supported")) {
                if (document.get(name) != null) {
                    configuration.put(name, document.get(name));
                }
            }
        });
        configuration.put("scopes_supported", List.of("patient/*.read", "user/*.read", "system/*.read",
                "patient/*.rs", "user/*.rs", "system/*.rs", "user/ServiceRequest.c", "system/ServiceRequest.c"));
        configuration.put("capabilities", List.of("permission-patient", "permission-user", "permission-v1",
                "permission-v2"));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), configuration);
    }
}
