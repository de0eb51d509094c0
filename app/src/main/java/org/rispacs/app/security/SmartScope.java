package org.rispacs.app.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR resource scope, such as {@code patient/*.read} (v1) or {@code user/ImagingStudy.rs}
 * (v2): in whose context, on which resource type ({@code *} for all), for which interactions. v1's
 * {@code read} is read and search, {@code write} create, update and delete, {@code *} all of them; v2
 * names them by letter in the order {@code cruds}. A v2 scope narrowed by a query ({@code ?category=...})
 * is not one: we do not enforce such filters, so such a scope grants nothing here.
 *
 * @param context      whose data: the patient in context, anything the user may see, or a system's
 * @param resourceType a FHIR resource type, or {@code *}
 * @param interactions what it grants on that type
 */
record SmartScope(Context context, String resourceType, Set<FhirInteraction> interactions) {

    static final String ANY_TYPE = "*";

    private static final Pattern FORM = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]*)\\.(\\w+|\\*)");
    private static final Pattern V2_LETTERS = Pattern.compile("c?r?u?d?s?");

    enum Context { PATIENT, USER, SYSTEM }

    SmartScope {
        interactions = Set.copyOf(interactions);
    }

    /** The resource scope this scope string is, if it is one (others, such as {@code openid}, are not). */
    static Optional<SmartScope> parse(String scope) {
        Matcher parts = FORM.matcher(scope == null ? "" : scope.strip());
        if (!parts.matches()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(parts.group(1).toUpperCase(Locale.ROOT));
        Set<FhirInteraction> interactions = interactions(parts.group(3));
        return interactions.isEmpty() ? Optional.empty()
                : Optional.of(new SmartScope(context, parts.group(2), interactions));
    }

    boolean grants(String type, FhirInteraction interaction) {
        return (ANY_TYPE.equals(resourceType) || resourceType.equals(type)) && interactions.contains(interaction);
    }

    private static Set<FhirInteraction> interactions(String access) {
        switch (access) {
            case "read":
                return EnumSet.of(FhirInteraction.READ, FhirInteraction.SEARCH);
            case "write":
                return EnumSet.of(FhirInteraction.CREATE, FhirInteraction.UPDATE, FhirInteraction.DELETE);
            case "*":
                return EnumSet.allOf(FhirInteraction.class);
            default:
                if (!V2_LETTERS.matcher(access).matches()) {
                    return Set.of();
                }
                Set<FhirInteraction> granted = EnumSet.noneOf(FhirInteraction.class);
                for (FhirInteraction interaction : FhirInteraction.values()) {
                    if (access.indexOf(interaction.letter()) >= 0) {
                        granted.add(interaction);
                    }
                }
                return granted;
        }
    }
}
