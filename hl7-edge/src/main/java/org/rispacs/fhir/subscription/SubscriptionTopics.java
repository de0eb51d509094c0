package org.rispacs.fhir.subscription;

import java.util.Arrays;
import java.util.Optional;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * Our topics by their canonical URLs (the R4 Subscriptions Backport IG names a topic in
 * {@code Subscription.criteria}), and the resource each topic's notifications focus on. The URLs are
 * names, never fetched; they are fixed so that a subscriber can rely on them across installations.
 */
public final class SubscriptionTopics {

    public static final String CANONICAL_BASE = "http://rispacs.org/fhir/SubscriptionTopic/";
    public static final String REPORT_FINALIZED = CANONICAL_BASE + "report-finalized";
    public static final String STUDY_AVAILABLE = CANONICAL_BASE + "study-available";

    private SubscriptionTopics() {
    }

    public static String canonical(SubscriptionTopic topic) {
        return switch (topic) {
            case REPORT_FINALIZED -> REPORT_FINALIZED;
            case STUDY_AVAILABLE -> STUDY_AVAILABLE;
        };
    }

    /** The topic a canonical URL names (with or without a {@code |version}), if it is one of ours. */
    public static Optional<SubscriptionTopic> of(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        int bar = canonical.indexOf('|');
        String url = (bar < 0 ? canonical : canonical.substring(0, bar)).strip();
        return Arrays.stream(SubscriptionTopic.values()).filter(topic -> canonical(topic).equals(url)).findFirst();
    }

    /** The FHIR resource type of a topic's focus. */
    public static String focusType(SubscriptionTopic topic) {
        return switch (topic) {
            case REPORT_FINALIZED -> "DiagnosticReport";
            case STUDY_AVAILABLE -> "ImagingStudy";
        };
    }
}
