package org.rispacs.api.interfaces;

import java.time.Duration;
import java.time.Instant;

/**
 * The health of the outbound report interfaces as of {@code now}.
 *
 * @param unackedAlertAfter    a delivery still without acknowledgement this long after it was scheduled raises an alert
 * @param unmatchedWindow      unmatched studies are counted when they became unmatched within this window
 * @param unmatchedAlertAt     that many (or more) unmatched studies in the window raise an alert; 0 never
 */
public record FindInterfaceHealthQuery(
        Instant now,
        Duration unackedAlertAfter,
        Duration unmatchedWindow,
        int unmatchedAlertAt) {
}
