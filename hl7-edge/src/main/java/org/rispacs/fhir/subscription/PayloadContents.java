package org.rispacs.fhir.subscription;

import java.util.Arrays;
import java.util.Optional;
import org.rispacs.api.subscription.SubscriptionPayload;

/** The Backport IG's payload content codes. */
final class PayloadContents {

    private PayloadContents() {
    }

    static String code(SubscriptionPayload payload) {
        return switch (payload) {
            case EMPTY -> "empty";
            case ID_ONLY -> "id-only";
            case FULL_RESOURCE -> "full-resource";
        };
    }

    static Optional<SubscriptionPayload> of(String code) {
        return Arrays.stream(SubscriptionPayload.values()).filter(payload -> code(payload).equals(code)).findFirst();
    }
}
