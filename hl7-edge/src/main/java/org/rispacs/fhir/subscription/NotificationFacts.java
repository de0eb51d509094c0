package org.rispacs.fhir.subscription;

import java.time.Instant;
import java.util.Optional;

/** What a notification says that its delivery does not carry. */
@FunctionalInterface
public interface NotificationFacts {

    /** When the notification's delivery was scheduled, right after its trigger: the event's time. */
    Optional<Instant> scheduledAt(String deliveryId);
}
