package org.rispacs.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throw-away TLS identities made by the JDK's keytool for one test run: a self-signed certificate
 * for localhost / 127.0.0.1 in a PKCS12 key store, the same certificate alone in a trust store,
 * and as PEM for tools such as openssl. Nothing of it is committed.
 */
public record TestCertificates(Path keyStore, Path trustStore, Path certificatePem, String password) {

    /** A new identity with the given common name, in a fresh temporary directory. */
    public static TestCertificates create(String commonName) {
        try {
            Path dir = Files.createTempDirectory("ris-tls-");
            String password = "test-only-" + Long.toHexString(System.nanoTime());
            Path keyStore = dir.resolve("identity.p12");
            Path trustStore = dir.resolve("trust.p12");
            Path pem = dir.resolve("certificate.pem");
            keytool("-genkeypair", "-alias", "identity", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + commonName, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", "identity", "-keystore", keyStore.toString(), "-storepass",
                    password, "-file", pem.toString());
            keytool("-importcert", "-noprompt", "-alias", "trusted", "-file", pem.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", password);
            return new TestCertificates(keyStore, trustStore, pem, password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    /** An SSL context presenting this identity and trusting {@code trusted}'s certificate. */
    public SSLContext context(TestCertificates trusted) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted.load(trusted.trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load(Path path) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void keytool(String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
