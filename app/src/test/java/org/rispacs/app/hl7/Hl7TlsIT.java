package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.hl7.ScriptedReceiver.fieldOf;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.api.billing.CaptureChargeCommand;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveryIds;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestCertificates;
import org.rispacs.hl7.mllp.MllpFrames;
import org.rispacs.hl7.mllp.MllpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MLLP over TLS both ways, with certificates on both sides (client authentication required):
 * HAPI's client and openssl s_client send to our TLS listener; a client without a certificate or
 * without TLS gets nothing; charges leave over TLS to a billing system that trusts our
 * certificate, and a billing system whose certificate we do not trust is never sent anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Hl7TlsIT extends ApplicationTest {

    private static final Map<String, String> AUDIT = Map.of(AuditMetadata.ACTOR, "hl7-tls-it",
            AuditMetadata.CHANNEL, "test", AuditMetadata.SOURCE, "Hl7TlsIT");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCHEST", "LOCAL", "CT chest");
    /** The RIS. */
    private static final TestCertificates RIS = TestCertificates.create("ris-pacs");
    /** The EHR (sending to us) and the billing system (receiving from us): the RIS trusts it. */
    private static final TestCertificates PEER = TestCertificates.create("hospital-peer");
    /** A billing system impostor nobody trusts. */
    private static final TestCertificates STRANGER = TestCertificates.create("stranger");
    private static final ScriptedReceiver BILLING = ScriptedReceiver.start(mutualTls(PEER.context(RIS)),
            message -> fieldOf(message, "ORC", 2));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.hl7.tls.enabled", () -> "true");
        registry.add("ris.hl7.tls.port", () -> "0");
        registry.add("ris.hl7.tls.key-store", () -> RIS.keyStore().toString());
        registry.add("ris.hl7.tls.key-store-password", RIS::password);
        registry.add("ris.hl7.tls.trust-store", () -> PEER.trustStore().toString());
        registry.add("ris.hl7.tls.trust-store-password", PEER::password);
        registry.add("ris.hl7.tls.client-auth", () -> "need");
        registry.add("ris.workflow.report-delivery.max-attempts", () -> "4");
        registry.add("ris.workflow.report-delivery.initial-delay", () -> "2s");
        registry.add("ris.workflow.report-delivery.multiplier", () -> "1");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
        registry.add("ris.hl7.billing-destination", () -> "BILLING");
        registry.add("ris.hl7.destinations.BILLING.host", () -> "127.0.0.1");
        registry.add("ris.hl7.destinations.BILLING.port", BILLING::port);
        registry.add("ris.hl7.destinations.BILLING.tls", () -> "true");
        registry.add("ris.hl7.destinations.BILLING.connect-timeout", () -> "2s");
        registry.add("ris.hl7.destinations.BILLING.read-timeout", () -> "3s");
    }

    @Autowired
    @Qualifier(Hl7Configuration.TLS_SERVER)
    MllpServer tlsListener;
    @Autowired
    MllpServer plainListener;

    @AfterAll
    static void stopBilling() {
        BILLING.stop();
    }

    @Test
    void hapisClientRegistersAPatientOverTls() throws Exception {
        String patientId = "TLS-" + unique();
        try (HapiContext hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"))) {
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            SSLContext peer = PEER.context(RIS);
            hapi.setSocketFactory(new StandardSocketFactory() {
                @Override
                public Socket createTlsSocket() throws IOException {
                    return peer.getSocketFactory().createSocket();
                }
            });
            Connection connection = hapi.newClient("127.0.0.1", tlsListener.port(), true);
            try {
                connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
                Message ack = connection.getInitiator().sendAndReceive(hapi.getPipeParser()
                        .parse(adtA04("TLS-HAPI-" + unique(), patientId)));
                assertThat(ack.encode()).contains("\rMSA|AA|");
            } finally {
                connection.close();
            }
        }
        assertThat(Eventually.event(eventStore, patientId + "^^^HOSP", PatientRegisteredEvent.class))
                .isNotNull();
    }

    @Test
    void opensslSClientWithOurCertificateGetsItsAcknowledgement() throws Exception {
        String controlId = "TLS-OSSL-" + unique();
        String ack = opensslExchange(adtA04(controlId, "TLS-" + unique()), true);
        assertThat(ack).contains("\rMSA|AA|" + controlId);
    }

    @Test
    void clientsWithoutCertificateOrWithoutTlsGetNothingAndTheListenersLiveOn() throws Exception {
        assertThat(opensslExchange(adtA04("TLS-NOCERT-" + unique(), "TLS-" + unique()), false)).doesNotContain("MSA|");
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), tlsListener.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(MllpFrames.frame(adtA04("TLS-PLAIN-" + unique(), "TLS-" + unique())
                    .getBytes(StandardCharsets.US_ASCII)));
            byte[] answer = readAll(plain.getInputStream());
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("MSA|");
        }
        assertThat(tlsListener.isRunning()).isTrue();
        assertThat(plainListener.isRunning()).isTrue();
        String controlId = "TLS-AFTER-" + unique();
        assertThat(opensslExchange(adtA04(controlId, "TLS-" + unique()), true)).contains("MSA|AA|" + controlId);
    }

    @Test
    void chargesLeaveOverTlsOnlyToABillingSystemWeTrust() throws Exception {
        BILLING.stop();
        BILLING.restart(mutualTls(STRANGER.context(RIS)));
        String placer = "TLS-DFT-" + unique();
        String deliveryId = capture(placer);
        DeliveryAttemptedEvent refused = Eventually.event(eventStore, deliveryId,
                DeliveryAttemptedEvent.class);
        assertThat(refused.acknowledged()).isFalse();
        assertThat(refused.error()).startsWith("TLS with 127.0.0.1:" + BILLING.port() + " failed");
        assertThat(BILLING.received(placer)).isEmpty();

        BILLING.stop();
        BILLING.restart(mutualTls(PEER.context(RIS)));
        assertThat(Eventually.event(eventStore, deliveryId, DeliveredEvent.class).ackCode()).isEqualTo("AA");
        assertThat(BILLING.received(placer)).hasSize(1);
        assertThat(BILLING.received(placer).get(0)).contains("|DFT^P03^DFT_P03|");
        List<DeliveryAttemptedEvent> attempts = eventStore.readEvents(deliveryId).asStream()
                .map(DomainEventMessage::getPayload).filter(DeliveryAttemptedEvent.class::isInstance)
                .map(DeliveryAttemptedEvent.class::cast).toList();
        assertThat(attempts.get(attempts.size() - 1).acknowledged()).isTrue();
    }

    /** Sends one framed message through openssl s_client (trusting our certificate); what came back. */
    private String opensslExchange(String message, boolean presentCertificate) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:"
                + tlsListener.port(), "-CAfile", RIS.certificatePem().toString(), "-verify_return_error",
                "-verify_ip", "127.0.0.1", "-quiet", "-ign_eof"));
        if (presentCertificate) {
            Path pem = Files.createTempFile("peer-", ".pem");
            run("openssl", "pkcs12", "-in", PEER.keyStore().toString(), "-nodes", "-passin", "pass:" + PEER.password(),
                    "-out", pem.toString());
            command.addAll(List.of("-cert", pem.toString(), "-key", pem.toString()));
        }
        Process openssl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            try (OutputStream in = openssl.getOutputStream()) {
                in.write(MllpFrames.frame(message.getBytes(StandardCharsets.US_ASCII)));
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream out = openssl.getInputStream();
            long deadline = System.currentTimeMillis() + 20_000;
            int b;
            // until the end of the acknowledgement's frame, or until openssl gives up
            while (System.currentTimeMillis() < deadline && (b = out.read()) != -1) {
                answer.write(b);
                if (b == 0x0d && answer.size() > 1 && answer.toByteArray()[answer.size() - 2] == 0x1c) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        } finally {
            openssl.destroy();
            openssl.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String capture(String placerOrderNumber) {
        PatientIdentifier patient = new PatientIdentifier("P-" + unique(), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Poe", "Pat", null, null, null),
                LocalDate.of(1977, 7, 7), "F")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, placerOrderNumber, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null, null));
        String chargeId = ChargeIds.forOrder(orderId);
        send(new CaptureChargeCommand(chargeId, orderId, "2.25.1" + Math.abs(UUID.randomUUID()
                .getMostSignificantBits()), patient, CT_CHEST, "CT"));
        return DeliveryIds.forCharge(chargeId, "BILLING");
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(AUDIT));
    }

    private static String adtA04(String controlId, String patientId) {
        return String.join("\r", "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101120000||ADT^A04^ADT_A01|" + controlId
                        + "|P|2.5.1", "EVN|A04|20260101120000",
                "PID|1||" + patientId + "^^^HOSP||Tls^Tina||19800215|F") + "\r";
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                bytes.write(b);
            }
        } catch (IOException closedOrTimedOut) {
            // what came until then is the answer
        }
        return bytes.toByteArray();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    /** TLS server sockets from the context that demand a client certificate. */
    private static ServerSocketFactory mutualTls(SSLContext context) {
        ServerSocketFactory tls = context.getServerSocketFactory();
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                SSLServerSocket socket = (SSLServerSocket) tls.createServerSocket();
                socket.setNeedClientAuth(true);
                return socket;
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                throw new UnsupportedOperationException();
            }
        };
    }
}
