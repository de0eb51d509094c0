package org.rispacs.app.interfaces;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the interface health alerts.
 *
 * @param unackedAlertAfter a report delivery still unacknowledged this long after it was scheduled raises an alert
 * @param unmatchedWindow   unmatched studies are counted when they became unmatched within this window
 * @param unmatchedAlertAt  that many unmatched studies in the window raise an alert; 0 never
 */
@ConfigurationProperties("ris.interfaces")
public record InterfaceHealthProperties(
        @DefaultValue("15m") Duration unackedAlertAfter,
        @DefaultValue("24h") Duration unmatchedWindow,
        @DefaultValue("1") int unmatchedAlertAt) {
}
