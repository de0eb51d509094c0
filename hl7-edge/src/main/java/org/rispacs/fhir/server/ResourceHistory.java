package org.rispacs.fhir.server;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A resource's versions as {@code vread} and {@code _history} answer them (FHIR R4 3.1.0.1.3 and 3.1.0.1.4), from
 * the versions the read model's events gave it, oldest first: each version with its id and version id, a history
 * newest first with each entry saying how the version came about (the first created it, each later one changed
 * it), an unknown version (or one that is no number) 404, a history of no resource 404.
 *
 * @param <V> a version as the read model has it
 */
public final class ResourceHistory<V> {

    private final String type;
    private final Function<V, String> id;
    private final ToLongFunction<V> version;

    public ResourceHistory(String type, Function<V, String> id, ToLongFunction<V> version) {
        this.type = type;
        this.id = id;
        this.version = version;
    }

    /** The version {@code id} names, among {@code versions}; 404 when there is none. */
    public V version(IdType asked, List<V> versions) {
        long number;
        try {
            number = Long.parseLong(asked.getVersionIdPart());
        } catch (NumberFormatException notANumber) {
            throw new ResourceNotFoundException(asked);
        }
        Optional<V> found = versions.stream().filter(one -> version.applyAsLong(one) == number).findFirst();
        return found.orElseThrow(() -> new ResourceNotFoundException(asked));
    }

    /** The versions newest first, as resources; 404 when there are none. */
    public <R extends Resource> List<R> newestFirst(IdType asked, List<V> versions, Function<V, R> toResource) {
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException(asked);
        }
        List<V> newestFirst = new ArrayList<>(versions);
        Collections.reverse(newestFirst);
        long first = version.applyAsLong(versions.getFirst());
        return newestFirst.stream().map(one -> {
            R resource = versioned(one, toResource);
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(resource, version.applyAsLong(one) == first
                    ? BundleEntryTransactionMethodEnum.POST : BundleEntryTransactionMethodEnum.PUT);
            return resource;
        }).toList();
    }

    /** The version as a resource whose id names the version. */
    public <R extends Resource> R versioned(V one, Function<V, R> toResource) {
        R resource = toResource.apply(one);
        resource.setId(new IdType(type, id.apply(one), String.valueOf(version.applyAsLong(one))));
        return resource;
    }
}
