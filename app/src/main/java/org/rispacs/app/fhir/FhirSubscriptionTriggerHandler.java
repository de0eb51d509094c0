package org.rispacs.app.fhir;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.fhir.subscription.SubscriptionTriggers;

/**
 * The events that trigger FHIR subscription notifications, in a tracking processor of their own that
 * starts at the head of the event stream when first deployed and is never reset with the read models
 * (a replay would notify nothing twice, but would wait for every past focus). Report finalized: the
 * final signature and each addendum (amended). Study available: every arrival of new instances, the
 * first (the study created) and each later one (updated), so a subscriber learns of each series.
 * A trigger is named by its event's global position, which the subscription keeps to ignore repeats.
 */
@ProcessingGroup(FhirSubscriptionTriggerHandler.PROCESSING_GROUP)
class FhirSubscriptionTriggerHandler {

    static final String PROCESSING_GROUP = "fhir-subscription-triggers";

    private final SubscriptionTriggers triggers;

    FhirSubscriptionTriggerHandler(SubscriptionTriggers triggers) {
        this.triggers = triggers;
    }

    @EventHandler
    void on(ReportSignedEvent event, @SequenceNumber long sequence, TrackingToken token) {
        triggers.reportFinalized(event.reportId(), sequence + 1, position(token));
    }

    @EventHandler
    void on(ReportAddendedEvent event, @SequenceNumber long sequence, TrackingToken token) {
        triggers.reportFinalized(event.reportId(), sequence + 1, position(token));
    }

    @EventHandler
    void on(InstancesReceivedEvent event, TrackingToken token) {
        triggers.studyAvailable(event.studyInstanceUid(),
                event.instances().stream().map(ReceivedInstance::sopInstanceUid).toList(), position(token));
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException(
                "the event store's tokens have no position: " + token));
    }
}
