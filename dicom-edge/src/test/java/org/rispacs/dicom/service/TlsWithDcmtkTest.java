package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.transport.Tls;

/** The TLS port against dcmtk's echoscu with TLS, checking our certificate. */
@Tag("dcmtk")
class TlsWithDcmtkTest {

    @TempDir
    Path work;

    @Test
    void echoscuTalksTlsToUs() throws Exception {
        Path keyStore = work.resolve("server.p12");
        Path certificate = work.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        assertThat(run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "secret")).isZero();
        assertThat(run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", "secret", "-file", certificate.toString())).isZero();

        try (DicomServer server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 4),
                List.of(new VerificationService()),
                Tls.serverSocketFactory(keyStore, "secret".toCharArray(), null, null))) {
            Dcmtk.Result echo = Dcmtk.run("echoscu", "-v", "+tla", "+cf", certificate.toString(), "-aet", "MOD1",
                    "-aec", "RISPACS", "127.0.0.1", String.valueOf(server.port()));
            assertThat(echo.exitCode()).as(echo.output()).isZero();
            assertThat(echo.output()).contains("Received Echo Response (Success)");

            Dcmtk.Result plain = Dcmtk.run("echoscu", "-to", "5", "-aet", "MOD1", "-aec", "RISPACS", "127.0.0.1",
                    String.valueOf(server.port()));
            assertThat(plain.exitCode()).as("plain TCP on the TLS port").isNotZero();
            assertThat(server.isRunning()).isTrue();
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
