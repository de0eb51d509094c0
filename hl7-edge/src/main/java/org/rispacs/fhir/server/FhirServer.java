package org.rispacs.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.SearchPreferHandlingInterceptor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Our FHIR R4 server: HAPI's plain server (no JPA, no store of its own) with resource providers
 * that answer from the read models. Its CapabilityStatement ({@code GET metadata}) is generated from
 * the providers, so it names exactly the interactions and search parameters they implement
 * ({@link OfferedResourcesOnly}).
 */
public class FhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    public FhirServer(FhirContext context, List<IResourceProvider> providers, String softwareVersion) {
        super(context);
        setResourceProviders(providers);
        registerInterceptor(new OfferedResourcesOnly(providers.stream()
                .map(provider -> context.getResourceType(provider.getResourceType())).collect(Collectors.toSet())));
        registerInterceptor(new DeclaredIncludesOnly(context, providers));
        registerInterceptor(new HistoryEntryResponses());
        // unknown search parameters: 400 naming the supported ones, or ignored with Prefer: handling=lenient
        registerInterceptor(new SearchPreferHandlingInterceptor());
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setServerName("ris-pacs FHIR R4 server");
        setServerVersion(softwareVersion);
        setImplementationDescription("ris-pacs integration hub: patients, orders, studies, reports and the audit trail"
                + " from the RIS read models");
    }
}
