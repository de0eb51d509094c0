package org.rispacs.fhir.server;

import ca.uhn.fhir.model.api.Include;
import java.util.List;
import java.util.Set;

/**
 * What a page of matches brings along with {@code _include} and {@code _revinclude}: the port a
 * resource provider asks through, so that it needs to know nothing of the other resources.
 *
 * @param <T> what the search matched
 */
@FunctionalInterface
public interface IncludedFor<T> {

    Included of(List<T> matches, Set<Include> includes, Set<Include> revIncludes);
}
