package org.rispacs.hl7.outbound;

import java.util.Optional;

/**
 * Charges sent by the once-only sender of earlier versions (table {@code hl7_outbound_charge_message}):
 * a charge the billing system already accepted that way is not sent again when its tracked
 * delivery is scheduled on upgrade.
 */
public interface SentCharges {

    /** The ACK code (AA or CA) with which the billing system accepted the charge before, if it did. */
    Optional<String> acceptedBefore(String chargeId);
}
