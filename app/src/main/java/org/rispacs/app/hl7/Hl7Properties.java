package org.rispacs.app.hl7;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
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
        @DefaultValue("") String billingDestination) {

    /** One system we send to over MLLP. */
    public record Destination(
            String host,
            @DefaultValue("0") int port,
            @DefaultValue("") String receivingApplication,
            @DefaultValue("") String receivingFacility,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }
}
