package org.rispacs.app.dicom;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rispacs.api.archive.SearchArchiveQuery;
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
 * @param maxAssociationsPerAe   associations one calling AE title may hold at once
 * @param maxPduLength           the largest P-DATA-TF PDU we receive
 * @param artimTimeout           how long a connection may wait before associating, or linger after release
 * @param idleTimeout            how long an association may stay silent before we abort it
 * @param tls                    the optional second, TLS-secured listener
 * @param worklistMaxResults     the most items one worklist query is answered with
 * @param queryMaxResults        the most answers one Query/Retrieve C-FIND is given (1 to 5000); a query
 *                               matching more is refused (0xA700) naming the limit
 * @param retrieveMaxInstances   the most instances one C-MOVE or C-GET sends; a larger one is refused (0xA701)
 * @param peers                  per remote application entity, keyed by its AE title (see {@link Peer})
 * @param storageCommitment      how storage commitment reports are delivered
 */
@ConfigurationProperties("ris.dicom")
public record DicomProperties(
        @DefaultValue("RISPACS") String aeTitle,
        @DefaultValue("11112") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue Set<String> allowedCallingAeTitles,
        @DefaultValue("50") int maxAssociations,
        @DefaultValue("10") int maxAssociationsPerAe,
        @DefaultValue("262144") long maxPduLength,
        @DefaultValue("30s") Duration artimTimeout,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue Tls tls,
        @DefaultValue("1000") int worklistMaxResults,
        @DefaultValue("1000") int queryMaxResults,
        @DefaultValue("10000") int retrieveMaxInstances,
        Map<String, Peer> peers,
        @DefaultValue StorageCommitment storageCommitment) {

    public DicomProperties {
        peers = peers == null ? Map.of() : Map.copyOf(peers);
        if (queryMaxResults < 1 || queryMaxResults > SearchArchiveQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("ris.dicom.query-max-results must be 1 to "
                    + SearchArchiveQuery.MAX_LIMIT + ", not " + queryMaxResults);
        }
    }

    /**
     * A remote application entity we know. Its AE title is the map key, unless {@code aeTitle} is
     * set: property keys lose characters other than letters, digits, '-' and '.' (use
     * {@code ris.dicom.peers[MOD_1].host} to keep them) and environment variables lose case, so
     * AE titles are matched ignoring case.
     *
     * @param aeTitle      the AE title when the key cannot spell it
     * @param host         where it listens, for associations we open to it (e.g. storage commitment results)
     * @param port         its listening port
     * @param allowed      false rejects its associations ("calling AE title not recognized") whatever
     *                     {@code allowed-calling-ae-titles} says; a listed peer is admitted even
     *                     when that list is non-empty and does not name it
     * @param maxPduLength the largest P-DATA-TF PDU we announce to it (capped by {@code ris.dicom.max-pdu-length});
     *                     for peers that mishandle large PDUs
     * @param tlsRequired  its associations are accepted on the TLS listener only
     */
    public record Peer(String aeTitle, String host, Integer port, @DefaultValue("true") boolean allowed,
                       Long maxPduLength, boolean tlsRequired) {
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

    /** The configured peer with this AE title, if any (ignoring case). */
    public Optional<Peer> peer(String aeTitle) {
        if (aeTitle == null) {
            return Optional.empty();
        }
        return peers.entrySet().stream()
                .filter(entry -> aeTitle.equalsIgnoreCase(entry.getValue().aeTitle() != null
                        ? entry.getValue().aeTitle() : entry.getKey()))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * Whether an association from {@code callingAeTitle} is admitted on a listener with or
     * without TLS: a peer set {@code allowed: false}, or requiring TLS on the plain port, is not;
     * otherwise anyone when {@code allowed-calling-ae-titles} is empty, else those it lists and
     * the configured peers.
     */
    public boolean admits(String callingAeTitle, boolean overTls) {
        Optional<Peer> peer = peer(callingAeTitle);
        if (peer.isPresent()) {
            return peer.get().allowed() && (overTls || !peer.get().tlsRequired());
        }
        return allowedCallingAeTitles.isEmpty() || allowedCallingAeTitles.contains(callingAeTitle);
    }

    /** The largest P-DATA-TF PDU we announce to {@code callingAeTitle}. */
    public long maxPduLength(String callingAeTitle) {
        return peer(callingAeTitle).map(Peer::maxPduLength).filter(length -> length > 0)
                .map(length -> Math.min(length, maxPduLength)).orElse(maxPduLength);
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
