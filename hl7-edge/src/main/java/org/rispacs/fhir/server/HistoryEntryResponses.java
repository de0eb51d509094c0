package org.rispacs.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * A history entry's response says what its request did: {@code 201 Created} for the version that created the
 * resource ({@code POST}). HAPI answers 201 only for a version numbered 1, but a resource's first version here may
 * have a higher number (a DiagnosticReport first shows at the version of its first signature: its drafts are
 * never shown), and HAPI would call that one {@code 200 OK}.
 */
@Interceptor
public class HistoryEntryResponses {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean created(ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.HISTORY) {
            bundle.getEntry().stream().filter(entry -> entry.getRequest().getMethod() == HTTPVerb.POST)
                    .forEach(entry -> entry.getResponse().setStatus("201 Created"));
        }
        return true;
    }
}
