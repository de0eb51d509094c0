package org.rispacs.api.interfaces;

import java.time.Instant;

/**
 * Modality worklist queries one station (calling AE title) made for one modality ({@code *}: any).
 *
 * @param served        queries answered
 * @param itemsReturned worklist items sent back, over all those queries
 */
public record WorklistQueries(
        String callingAeTitle,
        String modality,
        long served,
        long itemsReturned,
        Instant lastServedAt) {
}
