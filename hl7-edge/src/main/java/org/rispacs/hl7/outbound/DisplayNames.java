package org.rispacs.hl7.outbound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rispacs.api.common.PersonName;

/**
 * Splits a name held as one display text (our user accounts keep only {@code display_name}, e.g.
 * "Dr. Gregory House") into the components HL7 XCN and CNN fields have, so that a receiver that
 * matches clinicians by family and given name can: a title in front is the prefix ("Dr.",
 * "Prof."), generational and degree tokens at the end are the suffix ("Jr", "MD", also after a
 * comma), "Family, Given Middle" is read as written, otherwise the last word is the family name
 * (with the particles before it: "van der Berg") and the first the given name, the words in
 * between middle names. A single word is a family name. The guess can be wrong for names written
 * family first without a comma; the unsplit text stays the sum of the parts.
 */
final class DisplayNames {

    private static final Set<String> PREFIXES = Set.of("dr", "prof", "mr", "mrs", "ms", "miss", "mx", "sir", "dame");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "md", "phd", "do", "mbbs",
            "frcr", "frcp", "facr", "dmrd", "rn", "rt");
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "du", "del",
            "della", "la", "le", "dos", "das", "ter", "ten", "bin", "al");

    private DisplayNames() {
    }

    /** The name's components; null for a blank name. */
    static PersonName split(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String text = displayName.strip();
        List<String> suffixes = new ArrayList<>();
        int comma = text.lastIndexOf(',');
        while (comma >= 0 && allSuffixes(words(text.substring(comma + 1)))) {
            suffixes.addAll(0, words(text.substring(comma + 1)));
            text = text.substring(0, comma).strip();
            comma = text.lastIndexOf(',');
        }
        String family;
        List<String> prefixes;
        List<String> names;
        if (text.contains(",")) {
            family = text.substring(0, text.indexOf(',')).strip();
            List<String> rest = new ArrayList<>(words(text.substring(text.indexOf(',') + 1)));
            while (rest.size() > 1 && isSuffix(rest.get(rest.size() - 1))) {
                suffixes.add(0, rest.remove(rest.size() - 1));
            }
            prefixes = leadingPrefixes(rest);
            names = rest.subList(prefixes.size(), rest.size());
        } else {
            List<String> words = words(text);
            prefixes = leadingPrefixes(words);
            List<String> tail = new ArrayList<>(words.subList(prefixes.size(), words.size()));
            while (tail.size() > 1 && isSuffix(tail.get(tail.size() - 1))) {
                suffixes.add(0, tail.remove(tail.size() - 1));
            }
            int familyStart = tail.size() - 1;
            while (familyStart > 1 && PARTICLES.contains(tail.get(familyStart - 1).toLowerCase(Locale.ROOT))) {
                familyStart--;
            }
            family = String.join(" ", tail.subList(familyStart, tail.size()));
            names = tail.subList(0, familyStart);
        }
        return new PersonName(blankToNull(family), names.isEmpty() ? null : names.get(0),
                names.size() < 2 ? null : String.join(" ", names.subList(1, names.size())),
                prefixes.isEmpty() ? null : String.join(" ", prefixes),
                suffixes.isEmpty() ? null : String.join(" ", suffixes));
    }

    private static List<String> leadingPrefixes(List<String> words) {
        int count = 0;
        while (count < words.size() - 1 && isPrefix(words.get(count))) {
            count++;
        }
        return words.subList(0, count);
    }

    private static boolean isPrefix(String word) {
        return PREFIXES.contains(bare(word));
    }

    private static boolean isSuffix(String word) {
        return SUFFIXES.contains(bare(word));
    }

    private static boolean allSuffixes(List<String> words) {
        return !words.isEmpty() && words.stream().allMatch(DisplayNames::isSuffix);
    }

    /** Lower case without the dots of an abbreviation: "Ph.D." is "phd", "Dr." is "dr". */
    private static String bare(String word) {
        return word.replace(".", "").toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
