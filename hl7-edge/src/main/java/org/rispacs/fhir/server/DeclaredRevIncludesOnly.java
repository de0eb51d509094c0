package org.rispacs.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Keeps a resource's {@code searchRevInclude} in the CapabilityStatement to the {@code _revinclude} values its
 * search declares ({@code @IncludeParam(reverse = true, allow = ...)}): where a search declares none, HAPI lists
 * every reference parameter of every served resource that could point at it, which this server does not answer.
 */
@Interceptor
public class DeclaredRevIncludesOnly {

    private final Map<String, Set<String>> declared;

    public DeclaredRevIncludesOnly(FhirContext context, List<IResourceProvider> providers) {
        Map<String, Set<String>> revIncludes = new HashMap<>();
        for (IResourceProvider provider : providers) {
            Set<String> values = revIncludes.computeIfAbsent(context.getResourceType(provider.getResourceType()),
                    type -> new HashSet<>());
            for (Method method : provider.getClass().getMethods()) {
                if (!method.isAnnotationPresent(Search.class)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    IncludeParam include = parameter.getAnnotation(IncludeParam.class);
                    if (include != null && include.reverse()) {
                        values.addAll(List.of(include.allow()));
                    }
                }
            }
        }
        this.declared = Map.copyOf(revIncludes);
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void trim(IBaseConformance statement) {
        if (statement instanceof CapabilityStatement capabilities) {
            capabilities.getRest().forEach(rest -> rest.getResource().forEach(resource -> {
                Set<String> supported = declared.getOrDefault(resource.getType(), Set.of());
                resource.getSearchRevInclude().removeIf(value -> !supported.contains(value.getValue()));
            }));
        }
    }
}
