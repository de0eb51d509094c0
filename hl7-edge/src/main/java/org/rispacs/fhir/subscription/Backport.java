package org.rispacs.fhir.subscription;

/** The R4 Subscriptions Backport IG's profiles, extensions and code system that we use. */
final class Backport {

    static final String BASE = "http://hl7.org/fhir/uv/subscriptions-backport/";
    static final String SUBSCRIPTION_PROFILE = BASE + "StructureDefinition/backport-subscription";
    static final String STATUS_PROFILE = BASE + "StructureDefinition/backport-subscription-status-r4";
    static final String NOTIFICATION_PROFILE = BASE + "StructureDefinition/backport-subscription-notification-r4";
    static final String FILTER_CRITERIA = BASE + "StructureDefinition/backport-filter-criteria";
    static final String PAYLOAD_CONTENT = BASE + "StructureDefinition/backport-payload-content";
    static final String CHANNEL_TYPE = BASE + "StructureDefinition/backport-channel-type";
    static final String TOPIC_CANONICAL = BASE + "StructureDefinition/capabilitystatement-subscriptiontopic-canonical";
    static final String STATUS_OPERATION = BASE + "OperationDefinition/backport-subscription-status";

    private Backport() {
    }
}
