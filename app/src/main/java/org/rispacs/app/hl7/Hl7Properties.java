package org.rispacs.app.hl7;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.rispacs.hl7.tls.TlsSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Our HL7 v2 inbound interface (MLLP).
 *
 * @param port              the listening port (0 picks a free one)
 * @param bindAddress       the address to listen on
 * @param maxConnections    connections served at once; further ones are closed at once
 * @param maxMessageSize    the largest message processed, in bytes; larger ones are rejected (AR)
 * @param idleTimeout       how long a connection may stay silent before we close it
 * @param application       our MSH-3 in acknowledgements
 * @param facility          our MSH-4 in acknowledgements
 * @param defaultCharset    how to read a message without MSH-18
 * @param defaultIssuer     issuer for patient ids sent without assigning authority; empty: refused
 * @param modalityBySection OBR-24 values mapped to DICOM modalities (unmapped values are taken as is)
 * @param stationByModality scheduled station AE title per modality, when the message names none
 * @param defaultStation    station AE title when neither the message nor the modality names one
 * @param outboundEnabled   whether report deliveries and charges are sent (off: something else records attempts)
 * @param destinations      systems we send to, by the name the workflow uses (report destinations)
 * @param billingDestination the destination of DFT^P03 charge messages; empty sends none
 * @param tls               MLLP over TLS: a second listener, and the key material of destinations with {@code tls}
 */
@ConfigurationProperties("ris.hl7")
public record Hl7Properties(
        @DefaultValue("2575") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("50") int maxConnections,
        @DefaultValue("1048576") int maxMessageSize,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("RISPACS") String application,
        @DefaultValue("RISPACS") String facility,
        @DefaultValue("UTF-8") Charset defaultCharset,
        @DefaultValue("") String defaultIssuer,
        @DefaultValue Map<String, String> modalityBySection,
        @DefaultValue Map<String, String> stationByModality,
        @DefaultValue("") String defaultStation,
        @DefaultValue("true") boolean outboundEnabled,
        @DefaultValue Map<String, Destination> destinations,
        @DefaultValue("") String billingDestination,
        @DefaultValue Tls tls) {

    /**
     * Whether report destination {@code name} receives preliminary results; true unless its
     * {@code send-preliminary} says otherwise (also for a name without configuration).
     */
    public boolean sendsPreliminary(String name) {
        Destination destination = destinations.get(name);
        return destination == null || destination.sendPreliminary();
    }

    /**
     * One system we send to over MLLP.
     *
     * @param sendPreliminary whether a report destination also receives preliminary results (OBR-25 P); off
     *                        for an EHR that wants only final and corrected ones
     */
    public record Destination(
            String host,
            @DefaultValue("0") int port,
            @DefaultValue("") String receivingApplication,
            @DefaultValue("") String receivingFacility,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("false") boolean tls,
            @DefaultValue("true") boolean sendPreliminary) {
    }

    /**
     * MLLP over TLS.
     *
     * @param enabled          whether to open the TLS listener (needs the key store)
     * @param port             its port, beside the plain one (0 picks a free one)
     * @param keyStore         our certificate and key: file path of a PKCS12 (or JKS) store
     * @param trustStore       certificates trusted: servers we send to, clients when required; empty: the JDK's
     * @param clientAuth       NONE, WANT or NEED a client certificate on the TLS listener
     * @param protocols        TLS versions allowed
     * @param verifyHostname   whether a destination's certificate must name the host configured for it
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("2576") int port,
            @DefaultValue("") String keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("PKCS12") String keyStoreType,
            @DefaultValue("") String trustStore,
            @DefaultValue("") String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType,
            @DefaultValue("NONE") TlsSettings.ClientAuth clientAuth,
            @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols,
            @DefaultValue("true") boolean verifyHostname) {

        TlsSettings settings() {
            return new TlsSettings(keyStore.isBlank() ? null : Path.of(keyStore), keyStorePassword, keyStoreType,
                    trustStore.isBlank() ? null : Path.of(trustStore), trustStorePassword, trustStoreType,
                    clientAuth, protocols, verifyHostname);
        }
    }
}
