package org.rispacs.fhir.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * The CapabilityStatement's Subscription as the Backport IG asks: the topics we offer by their
 * canonical URLs (extension capabilitystatement-subscriptiontopic-canonical), the IG's Subscription
 * profile, and {@code $status} defined by the IG's OperationDefinition.
 */
@Interceptor
public class SubscriptionCapabilities {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance statement) {
        if (!(statement instanceof CapabilityStatement capabilities)) {
            return;
        }
        capabilities.getRest().forEach(rest -> rest.getResource().stream()
                .filter(resource -> resource.getType().equals("Subscription")).forEach(resource -> {
                    for (SubscriptionTopic topic : SubscriptionTopic.values()) {
                        resource.addExtension(Backport.TOPIC_CANONICAL,
                                new CanonicalType(SubscriptionTopics.canonical(topic)));
                    }
                    resource.addSupportedProfile(Backport.SUBSCRIPTION_PROFILE);
                    resource.getOperation().stream().filter(operation -> operation.getName().equals("status"))
                            .forEach(operation -> operation.setDefinition(Backport.STATUS_OPERATION));
                }));
    }
}
