package org.rispacs.query.billing;

import java.time.Instant;
import org.rispacs.api.billing.ClaimStatus;

/** What a claim submitted writes to its {@link ClaimDocument}, with the patient copied from its charge. */
record ClaimSubmission(String claimId, String chargeId, String patientId, String issuerOfPatientId,
                       ClaimStatus status, String denialReason, Instant submittedAt) {
}
