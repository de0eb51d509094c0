package org.rispacs.api.subscription;

import java.util.List;

/**
 * Where and how notifications go: a rest-hook, POSTed to {@code endpoint}.
 *
 * @param headers     HTTP headers sent with each notification, as {@code Name: value} (e.g. the
 *                    receiver's authorization)
 * @param contentType the FHIR format of the notification ({@code application/fhir+json} or {@code +xml})
 */
public record SubscriptionChannel(
        String endpoint,
        List<String> headers,
        String contentType,
        SubscriptionPayload payload) {

    public SubscriptionChannel {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }
}
