package org.rispacs.app.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.rispacs.app.security.BearerIssuer;
import org.rispacs.app.security.FhirBearerProperties;

/**
 * With bearer tokens accepted, the CapabilityStatement's {@code rest.security} says so: the services
 * HTTP Basic and SMART-on-FHIR, which issuers are trusted, and, when exactly one is, SMART's
 * {@code oauth-uris} extension with its authorize and token endpoints.
 */
@Interceptor
class BearerCapabilities {

    static final String SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final FhirBearerProperties properties;
    private final IssuerMetadata issuer;

    BearerCapabilities(FhirBearerProperties properties, IssuerMetadata issuer) {
        this.properties = properties;
        this.issuer = issuer;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        if (!properties.enabled() || !(generated instanceof CapabilityStatement statement)) {
            return;
        }
        CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent()
                .addService(new CodeableConcept().addCoding(new Coding(SERVICES, "Basic",
                        "Basic")))
                .addService(new CodeableConcept().addCoding(new Coding(SERVICES,
                        "SMART-on-FHIR", "SMART-on-FHIR")))
                .setDescription("HTTP Basic with the application's users and roles, or Authorization: Bearer with a "
                        + "JWT access token from " + properties.issuers().values().stream().map(BearerIssuer::issuer)
                        .collect(Collectors.joining(", ")) + " naming this server in aud; SMART scopes (v1 .read/"
                        + ".write, v2 .cruds) are enforced on top of the roles");
        Extension uris = new Extension(OAUTH_URIS);
        issuer.endpoint("authorization_endpoint").ifPresent(uri -> uris.addExtension("authorize", new UriType(uri)));
        issuer.endpoint("token_endpoint").ifPresent(uri -> uris.addExtension("token", new UriType(uri)));
        if (uris.hasExtension()) {
            security.addExtension(uris);
        }
        statement.getRest().forEach(rest -> rest.setSecurity(security.copy()));
    }
}
