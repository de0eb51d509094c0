package org.rispacs.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;

/**
 * A document of the billing queue (index {@code billing-charges}): one charge with the state of its
 * latest claim. The amount is kept as a decimal string: a double would round money. Written as
 * captured with only its non-null fields; the events that follow write their own parts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChargeDocument(
        String chargeId,
        String orderId,
        String studyInstanceUid,
        String patientId,
        String issuerOfPatientId,
        String procedureCode,
        String procedureDescription,
        String modality,
        ChargeStatus status,
        String claimId,
        String denialReason,
        String voidReason,
        String amount,
        String currency,
        Instant capturedAt,
        Instant updatedAt) {

    static ChargeDocument captured(ChargeCapturedEvent event, Instant when) {
        return new ChargeDocument(event.chargeId(), event.orderId(), event.studyInstanceUid(), event.patient().id(),
                event.patient().issuer(), event.procedure().code(), event.procedure().meaning(), event.modality(),
                ChargeStatus.CAPTURED, null, null, null, null, null, when, when);
    }

    ChargeView view() {
        return new ChargeView(chargeId, orderId, studyInstanceUid, patientId, issuerOfPatientId, procedureCode,
                procedureDescription, modality, status, claimId, denialReason, voidReason,
                amount == null ? null : new BigDecimal(amount), currency, capturedAt, updatedAt);
    }
}
