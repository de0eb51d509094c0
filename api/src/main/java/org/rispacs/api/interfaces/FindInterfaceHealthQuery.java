package org.rispacs.api.interfaces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The health of the outbound report interfaces as of {@code now}.
 *
 * @param unackedAlertAfter    a delivery still without acknowledgement this long after it was scheduled raises an alert
 * @param unmatchedWindow      unmatched studies are counted when they became unmatched within this window
 * @param unmatchedAlertAt     that many (or more) unmatched studies in the window raise an alert; 0 never
 * @param reportDestinations   the configured receivers of signed reports; none: every signed report is
 *                             delivered nowhere, which raises an alert; null: not known to the caller
 */
public record FindInterfaceHealthQuery(
        Instant now,
        Duration unackedAlertAfter,
        Duration unmatchedWindow,
        int unmatchedAlertAt,
        List<String> reportDestinations) {

    public FindInterfaceHealthQuery(Instant now, Duration unackedAlertAfter, Duration unmatchedWindow,
                                    int unmatchedAlertAt) {
        this(now, unackedAlertAfter, unmatchedWindow, unmatchedAlertAt, null);
    }
}
