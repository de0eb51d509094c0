package org.rispacs.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.fhir.audit.AuditEventResourceProvider;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.patient.PatientResourceProvider;
import org.rispacs.fhir.server.FhirServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR R4 server (module hl7-edge) as a servlet under {@code /fhir/*}; its security is in
 * {@code FhirSecurityConfiguration}. One FhirContext for the application: building one is costly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirConfiguration {

    static final String BASE = "/fhir";

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    ServletRegistrationBean<FhirServer> fhirServer(FhirContext context, QueryGateway queries, EventGateway events,
                                                   FhirProperties properties) {
        IdentifierSystems systems = new IdentifierSystems(properties.identifierSystems());
        String version = FhirConfiguration.class.getPackage().getImplementationVersion();
        FhirAccessViews views = new FhirAccessViews(events);
        FhirServer server = new FhirServer(context, List.of(
                new PatientResourceProvider(queries, systems, views),
                new AuditEventResourceProvider(queries, systems, views)),
                version == null ? "development" : version);
        ServletRegistrationBean<FhirServer> registration = new ServletRegistrationBean<>(server, BASE + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
