package org.rispacs.fhir.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rest-hook endpoints the operator allows notifications to go to, as URL prefixes: an endpoint is
 * allowed when its scheme, host and port are a prefix's and its path lies under the prefix's path
 * (whole segments: {@code https://ehr.example/fhir} allows {@code https://ehr.example/fhir/hook}, not
 * {@code https://ehr.example/fhirx} nor {@code https://ehr.example.other.net/fhir}). None allowed by
 * default: the application calls no service it was not configured for.
 */
public final class AllowedEndpoints {

    private final List<URI> prefixes;

    public AllowedEndpoints(List<String> prefixes) {
        this.prefixes = prefixes.stream().filter(prefix -> prefix != null && !prefix.isBlank())
                .map(prefix -> parse(prefix.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "ris.fhir.subscriptions.allowed-endpoints: '" + prefix + "' is no absolute http(s) URL")))
                .toList();
    }

    public List<String> prefixes() {
        return prefixes.stream().map(URI::toString).toList();
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    public boolean allows(String endpoint) {
        Optional<URI> uri = endpoint == null ? Optional.empty() : parse(endpoint.strip());
        return uri.isPresent() && uri.get().getRawUserInfo() == null
                && prefixes.stream().anyMatch(prefix -> under(uri.get(), prefix));
    }

    private static boolean under(URI endpoint, URI prefix) {
        if (!endpoint.getScheme().equalsIgnoreCase(prefix.getScheme())
                || !endpoint.getHost().equalsIgnoreCase(prefix.getHost()) || port(endpoint) != port(prefix)) {
            return false;
        }
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        String allowed = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        if (allowed.isEmpty() || allowed.equals("/")) {
            return true;
        }
        if (allowed.endsWith("/")) {
            return path.startsWith(allowed);
        }
        return path.equals(allowed) || path.startsWith(allowed + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** An absolute http or https URL with a host, else empty. */
    static Optional<URI> parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException malformed) {
            // not a URL: not allowed
        }
        return Optional.empty();
    }
}
