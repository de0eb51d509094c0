package org.rispacs.app.dicom;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Our DICOM application entity.
 *
 * @param aeTitle                our AE title; associations addressed to another are rejected
 * @param port                   the listening port (0 picks a free one)
 * @param bindAddress            the address to listen on
 * @param allowedCallingAeTitles AE titles allowed to associate; empty admits any
 * @param maxAssociations        associations served at once
 * @param maxPduLength           the largest P-DATA-TF PDU we receive
 * @param artimTimeout           how long a connection may wait before associating, or linger after release
 * @param idleTimeout            how long an association may stay silent before we abort it
 * @param tls                    the optional second, TLS-secured listener
 * @param worklistMaxResults     the most items one worklist query is answered with
 * @param peers                  other application entities by AE title: where we open associations to them
 *                               (storage commitment reports that cannot go on the requestor's association)
 * @param storageCommitment      how storage commitment reports are delivered
 */
@ConfigurationProperties("ris.dicom")
public record DicomProperties(
        @DefaultValue("RISPACS") String aeTitle,
        @DefaultValue("11112") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue Set<String> allowedCallingAeTitles,
        @DefaultValue("50") int maxAssociations,
        @DefaultValue("262144") long maxPduLength,
        @DefaultValue("30s") Duration artimTimeout,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue Tls tls,
        @DefaultValue("1000") int worklistMaxResults,
        @DefaultValue Map<String, Peer> peers,
        @DefaultValue StorageCommitment storageCommitment) {

    /** A remote application entity's listener. */
    public record Peer(String host, int port) {
    }

    /**
     * @param responseTimeout   how long to wait for the requestor's N-EVENT-REPORT-RSP
     * @param retryInterval     the pause after a report could not be delivered
     * @param maxAttempts       deliveries tried before a report is given up
     * @param recordingPatience how long an instance stored moments ago may take to be recorded by the workflow
     */
    public record StorageCommitment(@DefaultValue("30s") Duration responseTimeout,
                                    @DefaultValue("1m") Duration retryInterval,
                                    @DefaultValue("10") int maxAttempts,
                                    @DefaultValue("10s") Duration recordingPatience) {
    }

    /**
     * @param port               the TLS listener's port; -1 (default) runs no TLS listener
     * @param keyStore           PKCS#12 (or .jks) key store with our certificate and private key
     * @param trustStore         when set, clients must present a certificate it trusts
     */
    public record Tls(@DefaultValue("-1") int port, Path keyStore, String keyStorePassword, Path trustStore,
                      String trustStorePassword) {

        public boolean enabled() {
            return port >= 0;
        }
    }
}
