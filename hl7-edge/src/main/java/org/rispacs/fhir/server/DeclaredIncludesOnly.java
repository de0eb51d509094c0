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
import org.hl7.fhir.r4.model.StringType;

/**
 * Keeps a resource's {@code searchInclude} and {@code searchRevInclude} in the CapabilityStatement to the values
 * its search declares ({@code @IncludeParam(allow = ...)}, {@code reverse = true} for {@code _revinclude}): for a
 * search that declares none, HAPI lists {@code *} as an include and every reference parameter of every served
 * resource that could point at it as a revinclude, none of which this server answers.
 */
@Interceptor
public class DeclaredIncludesOnly {

    private final Map<String, Set<String>> includes = new HashMap<>();
    private final Map<String, Set<String>> revIncludes = new HashMap<>();

    public DeclaredIncludesOnly(FhirContext context, List<IResourceProvider> providers) {
        for (IResourceProvider provider : providers) {
            String type = context.getResourceType(provider.getResourceType());
            for (Method method : provider.getClass().getMethods()) {
                if (!method.isAnnotationPresent(Search.class)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    IncludeParam include = parameter.getAnnotation(IncludeParam.class);
                    if (include != null) {
                        (include.reverse() ? revIncludes : includes).computeIfAbsent(type, any -> new HashSet<>())
                                .addAll(List.of(include.allow()));
                    }
                }
            }
        }
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void trim(IBaseConformance statement) {
        if (statement instanceof CapabilityStatement capabilities) {
            capabilities.getRest().forEach(rest -> rest.getResource().forEach(resource -> {
                keep(resource.getSearchInclude(), includes.getOrDefault(resource.getType(), Set.of()));
                keep(resource.getSearchRevInclude(), revIncludes.getOrDefault(resource.getType(), Set.of()));
            }));
        }
    }

    private static void keep(List<StringType> listed, Set<String> declared) {
        listed.removeIf(value -> !declared.contains(value.getValue()));
    }
}
