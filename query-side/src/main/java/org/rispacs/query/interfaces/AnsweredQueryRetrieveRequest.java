package org.rispacs.query.interfaces;

import java.time.Instant;

/**
 * A Query/Retrieve request answered (index {@code qr-requests}): who asked, what kind ({@code find},
 * {@code move}, {@code get}), a find's level, how many patients its answer named.
 */
record AnsweredQueryRetrieveRequest(String callingAeTitle, String kind, String level, int patients,
                                    Instant requestedAt) {
}
