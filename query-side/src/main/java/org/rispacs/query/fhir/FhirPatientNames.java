package org.rispacs.query.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.PersonNames;

/**
 * The values a FHIR {@code name} search matches by prefix: each part of the name, each word of a
 * part ("van der Berg" is found by "Berg"), and the whole name as "given family" and "family given",
 * all normalised as {@link PersonNames#normalise} does (upper case, no accents).
 */
final class FhirPatientNames {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\-,']+");

    private FhirPatientNames() {
    }

    static List<String> matchValues(PersonName name) {
        if (name == null) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String part : new String[] {name.family(), name.given(), name.middle(), name.prefix(), name.suffix()}) {
            String normalised = normalised(part);
            if (normalised != null) {
                values.add(normalised);
                for (String word : WORD_SEPARATORS.split(normalised)) {
                    if (!word.isEmpty()) {
                        values.add(word);
                    }
                }
            }
        }
        String family = normalised(name.family());
        String given = normalised(name.given());
        if (family != null && given != null) {
            values.add(given + " " + family);
            values.add(family + " " + given);
        }
        return new ArrayList<>(values);
    }

    /** A search value as the match values are written; null when it holds nothing to match. */
    static String normalised(String value) {
        if (value == null) {
            return null;
        }
        String normalised = PersonNames.normalise(value).replaceAll("\\s+", " ");
        return normalised.isEmpty() ? null : normalised;
    }
}
