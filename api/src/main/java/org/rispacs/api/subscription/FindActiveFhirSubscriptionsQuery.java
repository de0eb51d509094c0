package org.rispacs.api.subscription;

/**
 * The subscriptions to notify of a topic: those not deleted or ended (active or in error), for
 * all patients or for the one given; answered with {@link FhirSubscriptions}.
 *
 * @param patientId the focus's patient (FHIR id); subscriptions filtered to another patient are left out
 */
public record FindActiveFhirSubscriptionsQuery(SubscriptionTopic topic, String patientId) {
}
