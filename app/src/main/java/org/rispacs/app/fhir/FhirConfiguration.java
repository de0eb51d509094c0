package org.rispacs.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.app.security.FhirBearerProperties;
import org.rispacs.app.storage.CommandsInOneTransaction;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.fhir.audit.AuditEventResourceProvider;
import org.rispacs.fhir.endpoint.DicomWebAddress;
import org.rispacs.fhir.endpoint.EndpointResourceProvider;
import org.rispacs.fhir.imaging.ImagingStudyResourceProvider;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.rispacs.fhir.include.IncludedResources;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.patient.PatientResourceProvider;
import org.rispacs.fhir.patient.PatientResources;
import org.rispacs.fhir.report.DiagnosticReportResourceProvider;
import org.rispacs.fhir.report.DiagnosticReportResources;
import org.rispacs.fhir.server.FhirServer;
import org.rispacs.fhir.servicerequest.CodingSystems;
import org.rispacs.fhir.servicerequest.ServiceRequestResourceProvider;
import org.rispacs.fhir.servicerequest.ServiceRequestResources;
import org.rispacs.fhir.servicerequest.ServiceRequestSystems;
import org.rispacs.fhir.subscription.SubscriptionCapabilities;
import org.rispacs.fhir.subscription.SubscriptionResourceProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The FHIR R4 server (module hl7-edge) as a servlet under {@code /fhir/*}; its security is in
 * {@code FhirSecurityConfiguration}. One FhirContext for the application: building one is costly.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirConfiguration {

    static final String BASE = "/fhir";
    static final String DICOMWEB = "/dicomweb";

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    ServletRegistrationBean<FhirServer> fhirServer(FhirContext context, QueryGateway queries, EventGateway events,
                                                   CommandGateway commands, TransactionManager transactionManager,
                                                   JdbcTemplate jdbc,
                                                   @Value("${ris.api.read-model-wait:10s}") Duration readModelWait,
                                                   FhirProperties properties, DisplayTimes times,
                                                   FhirBearerProperties bearer, IssuerMetadata bearerIssuer,
                                                   SubscriptionResourceProvider subscriptions) {
        IdentifierSystems systems = new IdentifierSystems(properties.identifierSystems());
        FhirAccessViews views = new FhirAccessViews(events);
        ServiceRequestSystems orderSystems = new ServiceRequestSystems(properties.accessionSystem(),
                properties.placerOrderSystem(), systems, new CodingSystems(properties.codingSystems()));
        ImagingStudyResources studies = new ImagingStudyResources(systems, times.zone());
        DiagnosticReportResources reports = new DiagnosticReportResources(systems, times.zone());
        IncludedResources included = new IncludedResources(queries, new ServiceRequestResources(orderSystems,
                times.zone()), studies, reports, new PatientResources(systems));
        ServiceRequestResourceProvider serviceRequests = new ServiceRequestResourceProvider(queries,
                new FhirOrderCommands(commands, queries,
                        new CommandsInOneTransaction(transactionManager, jdbc), readModelWait), orderSystems,
                times.zone(), views, included::ofServiceRequests);
        String version = FhirConfiguration.class.getPackage().getImplementationVersion();
        FhirServer server = new FhirServer(context, List.of(
                new PatientResourceProvider(queries, systems, views), serviceRequests,
                new ImagingStudyResourceProvider(queries, studies, views, included::ofImagingStudies),
                new EndpointResourceProvider(new DicomWebAddress(properties.dicomwebUrl(), DICOMWEB)),
                new DiagnosticReportResourceProvider(queries, reports, views,
                        (matches, includes, revIncludes) -> included.ofDiagnosticReports(matches, includes)),
                new AuditEventResourceProvider(queries, systems, views), subscriptions),
                version == null ? "development" : version);
        server.registerProvider(serviceRequests.transactions());
        server.registerInterceptor(new BearerCapabilities(bearer, bearerIssuer));
        server.registerInterceptor(new SubscriptionCapabilities());
        ServletRegistrationBean<FhirServer> registration = new ServletRegistrationBean<>(server, BASE + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    IssuerMetadata bearerIssuerMetadata(FhirBearerProperties bearer) {
        return new IssuerMetadata(bearer);
    }

    /** An exact mapping: it wins over the FHIR server's {@code /fhir/*}. */
    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(FhirBearerProperties bearer,
                                                                          IssuerMetadata bearerIssuer) {
        ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
                new SmartConfigurationServlet(bearer, bearerIssuer), BASE + SmartConfigurationServlet.PATH);
        registration.setName("fhir-smart-configuration");
        return registration;
    }
}
