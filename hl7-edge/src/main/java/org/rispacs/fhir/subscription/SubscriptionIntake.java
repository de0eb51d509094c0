package org.rispacs.fhir.subscription;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;

/**
 * An R4 Subscription (Backport IG profile) as the command creating it, or a refusal (422) naming
 * what we support: one of our topics in {@code criteria}; at most one filter ({@code _criteria}
 * extension), on the patient of the topic's focus ({@code DiagnosticReport?patient=Patient/<id>},
 * {@code ImagingStudy?patient=Patient/<id>}); a rest-hook channel to an endpoint the operator allows,
 * with its headers; the payload as {@code application/fhir+json} or {@code +xml} with its content
 * ({@code empty}, {@code id-only} or {@code full-resource}); a reason, and an optional end.
 */
final class SubscriptionIntake {

    static final Set<String> CONTENT_TYPES = Set.of("application/fhir+json", "application/fhir+xml");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Set by the sender itself, or refused by Java's HTTP client. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "connection", "expect", "upgrade", "transfer-encoding");

    private final AllowedEndpoints endpoints;

    SubscriptionIntake(AllowedEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    CreateSubscriptionCommand command(String subscriptionId, Subscription resource) {
        if (resource.hasStatus() && resource.getStatus() != SubscriptionStatus.REQUESTED
                && resource.getStatus() != SubscriptionStatus.ACTIVE) {
            throw refusal("status: a new subscription is requested (or active), not "
                    + resource.getStatus().toCode());
        }
        SubscriptionTopic topic = SubscriptionTopics.of(resource.getCriteria()).orElseThrow(() -> refusal(
                "criteria: the canonical URL of one of our topics is needed (" + SubscriptionTopics.REPORT_FINALIZED
                        + " or " + SubscriptionTopics.STUDY_AVAILABLE + "), not '" + resource.getCriteria() + "'"));
        String patientId = patientFilter(topic, resource.getCriteriaElement().getExtensionsByUrl(
                Backport.FILTER_CRITERIA));
        if (!resource.hasReason() || resource.getReason().isBlank()) {
            throw refusal("reason: why the subscription is made is needed");
        }
        Instant end = resource.hasEnd() ? resource.getEnd().toInstant() : null;
        return new CreateSubscriptionCommand(subscriptionId, topic, patientId, channel(resource.getChannel()),
                resource.getReason().strip(), end);
    }

    /** The patient a filter names, or null without a filter. */
    private static String patientFilter(SubscriptionTopic topic, List<Extension> filters) {
        String type = SubscriptionTopics.focusType(topic);
        String supported = "a filter (extension " + Backport.FILTER_CRITERIA + ") of this topic is "
                + type + "?patient=Patient/<id>";
        if (filters.isEmpty()) {
            return null;
        }
        if (filters.size() > 1) {
            throw refusal("criteria: at most one filter is supported; " + supported);
        }
        String filter = filters.get(0).getValue() == null ? null : filters.get(0).getValue().primitiveValue();
        if (filter == null || !filter.strip().startsWith(type + "?")) {
            throw refusal("criteria: unsupported filter '" + filter + "'; " + supported);
        }
        String query = filter.strip().substring(type.length() + 1);
        int equals = query.indexOf('=');
        if (query.contains("&") || equals < 0 || !query.substring(0, equals).equals("patient")) {
            throw refusal("criteria: unsupported filter '" + filter + "'; " + supported);
        }
        String value = URLDecoder.decode(query.substring(equals + 1), StandardCharsets.UTF_8).strip();
        String id = value.startsWith("Patient/") ? value.substring("Patient/".length()) : value;
        if (!FHIR_ID.matcher(id).matches()) {
            throw refusal("criteria: '" + value + "' is no Patient reference; " + supported);
        }
        return id;
    }

    private SubscriptionChannel channel(SubscriptionChannelComponent channel) {
        if (channel.getType() != SubscriptionChannelType.RESTHOOK
                || channel.getTypeElement().hasExtension(Backport.CHANNEL_TYPE)) {
            throw refusal("channel.type: only rest-hook is supported, not "
                    + (channel.hasType() ? channel.getType().toCode() : "none")
                    + (channel.getTypeElement().hasExtension(Backport.CHANNEL_TYPE) ? " with a custom channel type"
                    : ""));
        }
        String endpoint = channel.hasEndpoint() ? channel.getEndpoint().strip() : null;
        if (endpoint == null || AllowedEndpoints.parse(endpoint).isEmpty()) {
            throw refusal("channel.endpoint: an absolute http or https URL is needed, not '" + endpoint + "'");
        }
        if (endpoints.isEmpty()) {
            throw refusal("channel.endpoint: no endpoint is allowed (the operator lists them in"
                    + " ris.fhir.subscriptions.allowed-endpoints)");
        }
        if (!endpoints.allows(endpoint)) {
            throw refusal("channel.endpoint: " + endpoint + " is not allowed; allowed are endpoints under "
                    + String.join(", ", endpoints.prefixes()));
        }
        String contentType = channel.hasPayload() ? channel.getPayload().strip().toLowerCase(Locale.ROOT) : null;
        if (contentType == null || !CONTENT_TYPES.contains(contentType)) {
            throw refusal("channel.payload: application/fhir+json or application/fhir+xml is needed, not '"
                    + channel.getPayload() + "'");
        }
        return new SubscriptionChannel(endpoint, headers(channel), contentType,
                payload(channel.getPayloadElement().getExtensionsByUrl(Backport.PAYLOAD_CONTENT)));
    }

    private static List<String> headers(SubscriptionChannelComponent channel) {
        List<String> headers = new ArrayList<>();
        channel.getHeader().forEach(header -> {
            String value = header.getValue();
            int colon = value == null ? -1 : value.indexOf(':');
            if (colon <= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                    || !HEADER_NAME.matcher(value.substring(0, colon).strip()).matches()) {
                throw refusal("channel.header: 'Name: value' is needed, not '" + value + "'");
            }
            String name = value.substring(0, colon).strip();
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw refusal("channel.header: " + name + " is set by the server");
            }
            headers.add(name + ": " + value.substring(colon + 1).strip());
        });
        return headers;
    }

    private static SubscriptionPayload payload(List<Extension> contents) {
        String code = contents.size() == 1 && contents.get(0).getValue() != null
                ? contents.get(0).getValue().primitiveValue() : null;
        return PayloadContents.of(code).orElseThrow(() -> refusal("channel.payload: one content extension ("
                + Backport.PAYLOAD_CONTENT + ") of empty, id-only or full-resource is needed"));
    }

    private static UnprocessableEntityException refusal(String message) {
        return new UnprocessableEntityException(message);
    }
}
