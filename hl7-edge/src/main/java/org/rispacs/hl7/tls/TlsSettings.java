package org.rispacs.hl7.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * Key material and policy of MLLP over TLS.
 *
 * @param keyStore           our certificate and private key (PKCS12 or JKS); required to listen, optional
 *                           for outbound (then we present no client certificate)
 * @param trustStore         the certificates we trust: peers' servers, and clients when they must
 *                           authenticate; null trusts the JDK's default authorities
 * @param clientAuth         whether our listener asks connecting systems for a certificate
 * @param protocols          TLS versions allowed, e.g. TLSv1.3 and TLSv1.2
 * @param verifyHostname     whether a server's certificate must name the host we connect to
 */
public record TlsSettings(
        Path keyStore,
        String keyStorePassword,
        String keyStoreType,
        Path trustStore,
        String trustStorePassword,
        String trustStoreType,
        ClientAuth clientAuth,
        List<String> protocols,
        boolean verifyHostname) {

    public enum ClientAuth {
        NONE,
        WANT,
        NEED
    }
}
