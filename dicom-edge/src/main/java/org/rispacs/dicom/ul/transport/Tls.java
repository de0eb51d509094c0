package org.rispacs.dicom.ul.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for DICOM (PS3.15 B.9, BCP 195): a server socket factory from a PKCS#12 or JKS key store,
 * TLS 1.2 and 1.3 only, and client certificates required when a trust store is given.
 */
public final class Tls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Tls() {
    }

    /**
     * @param trustStore null to accept any client (no client certificate asked for)
     */
    public static ServerSocketFactory serverSocketFactory(Path keyStore, char[] keyStorePassword, Path trustStore,
                                                          char[] trustStorePassword) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, keyStorePassword), keyStorePassword);
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, trustStorePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            ServerSocketFactory tls = context.getServerSocketFactory();
            boolean requireClientCertificate = trustStore != null;
            return new ServerSocketFactory() {
                @Override
                public java.net.ServerSocket createServerSocket() throws IOException {
                    return configure((SSLServerSocket) tls.createServerSocket());
                }

                @Override
                public java.net.ServerSocket createServerSocket(int port) throws IOException {
                    return configure((SSLServerSocket) tls.createServerSocket(port));
                }

                @Override
                public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
                    return configure((SSLServerSocket) tls.createServerSocket(port, backlog));
                }

                @Override
                public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                        throws IOException {
                    return configure((SSLServerSocket) tls.createServerSocket(port, backlog, address));
                }

                private SSLServerSocket configure(SSLServerSocket socket) {
                    socket.setEnabledProtocols(PROTOCOLS);
                    socket.setNeedClientAuth(requireClientCertificate);
                    return socket;
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        String type = path.toString().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }
}
