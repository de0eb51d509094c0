package org.rispacs.api.interfaces;

import java.time.Instant;

/**
 * The Query/Retrieve requests one calling AE title made of one kind ({@code find}, {@code move},
 * {@code get}) and were answered.
 *
 * @param requests        requests answered, whether or not anything matched
 * @param withoutPatients of those, the ones whose answer named no patient (nothing matched)
 */
public record QueryRetrieveRequests(
        String callingAeTitle,
        String kind,
        long requests,
        long withoutPatients,
        Instant lastRequestAt) {
}
