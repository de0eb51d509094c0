package org.rispacs.fhir.server;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One page of a search's matches with the number of all of them, and the resources
 * {@code _include}/{@code _revinclude} asked for beside them; HAPI FHIR turns it into a searchset
 * Bundle with {@code total}, each entry's search mode ({@code match} or {@code include}) and the
 * {@code next}/{@code previous} links of {@code _offset}/{@code _count} (its "bundle provider
 * offsets" paging), computed from the page requested.
 */
public final class SearchPage extends SimpleBundleProvider {

    private final boolean hasNext;
    private final boolean hasPrevious;

    private SearchPage(List<? extends IBaseResource> resources, PageRequest page, long total) {
        super(List.copyOf(resources));
        setSize((int) Math.min(total, Integer.MAX_VALUE));
        setCurrentPageOffset(page.offset());
        setCurrentPageSize(Math.max(page.count(), 1));
        this.hasNext = page.count() > 0 && page.offset() + page.count() < total
                && page.offset() + page.count() < PageRequest.MAX_DEPTH;
        this.hasPrevious = page.offset() > 0;
    }

    public static SearchPage of(List<? extends IBaseResource> matches, PageRequest page, long total) {
        return of(matches, List.of(), page, total);
    }

    /** The page's matches and, after them, the resources included for them (each once). */
    public static SearchPage of(List<? extends IBaseResource> matches, List<? extends IBaseResource> included,
                                PageRequest page, long total) {
        Map<String, IBaseResource> entries = new LinkedHashMap<>();
        for (IBaseResource match : matches) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
            entries.put(key(match), match);
        }
        for (IBaseResource include : included) {
            if (entries.putIfAbsent(key(include), include) == null) {
                ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(include, BundleEntrySearchModeEnum.INCLUDE);
            }
        }
        return new SearchPage(List.copyOf(entries.values()), page, total);
    }

    private static String key(IBaseResource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    public static SearchPage empty(PageRequest page) {
        return new SearchPage(List.of(), page, 0);
    }

    @Override
    public String getNextPageId() {
        return hasNext ? "next" : null;
    }

    @Override
    public String getPreviousPageId() {
        return hasPrevious ? "previous" : null;
    }
}
