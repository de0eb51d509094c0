package org.rispacs.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Keeps the CapabilityStatement to the resources our providers offer: HAPI also lists
 * {@code OperationDefinition} (its own reader of the definitions of a server's operations), which
 * has nothing to serve here: our one operation, Subscription {@code $status}, is the Backport IG's.
 */
@Interceptor
public class OfferedResourcesOnly {

    private final Set<String> offered;

    public OfferedResourcesOnly(Set<String> offered) {
        this.offered = Set.copyOf(offered);
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void trim(IBaseConformance statement) {
        if (statement instanceof CapabilityStatement capabilities) {
            capabilities.getRest().forEach(rest -> rest.getResource()
                    .removeIf(resource -> !offered.contains(resource.getType())));
        }
    }
}
