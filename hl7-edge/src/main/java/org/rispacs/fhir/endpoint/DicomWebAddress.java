package org.rispacs.fhir.endpoint;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Our DICOMweb base URL as a FHIR client should use it: the configured public URL when there is
 * one (a hospital's clients reach us through a proxy whose address we cannot see), else the
 * scheme, host and port the request came to, with the DICOMweb path.
 */
public final class DicomWebAddress {

    private static final int HTTP = 80;
    private static final int HTTPS = 443;

    private final String configured;
    private final String path;

    /**
     * @param configured the public URL of DICOMweb, or null/blank to derive it from each request
     * @param path       DICOMweb's path within this server ({@code /dicomweb})
     */
    public DicomWebAddress(String configured, String path) {
        this.configured = configured == null || configured.isBlank() ? null : withoutTrailingSlash(configured.strip());
        this.path = path;
    }

    public String of(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || "http".equalsIgnoreCase(scheme) && port == HTTP
                || "https".equalsIgnoreCase(scheme) && port == HTTPS;
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath() + path;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
