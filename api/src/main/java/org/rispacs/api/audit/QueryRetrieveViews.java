package org.rispacs.api.audit;

import java.util.Locale;

/**
 * How a DICOM Query/Retrieve request is recorded as a {@link PatientDataViewedEvent}: its view is
 * {@code dicom-<kind>}, for a find followed by the level ({@code dicom-find STUDY}, {@code dicom-move},
 * {@code dicom-get}), and its actor {@code dicom:<calling AE title>}. Every request is one event,
 * naming the patients of its answer, none when nothing matched; so it is on the audit timeline of
 * the patients it named only, and counted per calling AE and kind in the interface health, a new
 * kind as well as those there are now.
 */
public final class QueryRetrieveViews {

    public static final String MOVE = "dicom-move";
    public static final String GET = "dicom-get";

    private static final String VIEW_PREFIX = "dicom-";
    private static final String ACTOR_PREFIX = "dicom:";

    private QueryRetrieveViews() {
    }

    /** The view of a C-FIND at {@code level} (PATIENT, STUDY, SERIES, IMAGE). */
    public static String find(String level) {
        return VIEW_PREFIX + "find " + level;
    }

    /** The actor of a request from {@code callingAeTitle}. */
    public static String actor(String callingAeTitle) {
        return ACTOR_PREFIX + callingAeTitle;
    }

    /** The kind of request a view records ({@code find}, {@code move}, {@code get}...), null for another view. */
    public static String kindOf(String view) {
        if (view == null || !view.startsWith(VIEW_PREFIX) || view.length() == VIEW_PREFIX.length()) {
            return null;
        }
        String kind = view.substring(VIEW_PREFIX.length());
        int space = kind.indexOf(' ');
        kind = (space < 0 ? kind : kind.substring(0, space)).strip();
        return kind.isEmpty() ? null : kind.toLowerCase(Locale.ROOT);
    }

    /** The level a find's view names, null when it names none. */
    public static String levelOf(String view) {
        if (kindOf(view) == null) {
            return null;
        }
        int space = view.indexOf(' ');
        return space < 0 || view.substring(space + 1).isBlank() ? null : view.substring(space + 1).strip();
    }

    /** The calling AE title of a DICOM actor, null for another actor. */
    public static String callingAeTitleOf(String actor) {
        if (actor == null || !actor.startsWith(ACTOR_PREFIX)) {
            return null;
        }
        String aeTitle = actor.substring(ACTOR_PREFIX.length()).strip();
        return aeTitle.isEmpty() ? null : aeTitle;
    }
}
