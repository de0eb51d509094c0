package org.rispacs.hl7.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * MLLP over TLS: the same framing inside a TLS session. Builds one SSL context from the settings
 * and hands out server sockets (for the listener) and client sessions (for destinations marked
 * {@code tls}).
 */
public final class MllpTls {

    private final TlsSettings settings;
    private final SSLContext context;

    private MllpTls(TlsSettings settings, SSLContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** @throws IllegalStateException when a store cannot be read or its password is wrong: a start-up error */
    public static MllpTls of(TlsSettings settings) {
        try {
            KeyManagerFactory keys = null;
            if (settings.keyStore() != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(settings.keyStore(), settings.keyStorePassword(), settings.keyStoreType()),
                        password(settings.keyStorePassword()));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(settings.trustStore() == null ? null
                    : load(settings.trustStore(), settings.trustStorePassword(), settings.trustStoreType()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new MllpTls(settings, context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up MLLP over TLS: " + e.getMessage(), e);
        }
    }

    public boolean canListen() {
        return settings.keyStore() != null;
    }

    /** Server sockets that speak TLS with the configured protocols and client authentication. */
    public ServerSocketFactory serverSockets() {
        if (!canListen()) {
            throw new IllegalStateException("a TLS listener needs a key store (ris.hl7.tls.key-store)");
        }
        ServerSocketFactory tls = context.getServerSocketFactory();
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return configure((SSLServerSocket) tls.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return configure((SSLServerSocket) tls.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return configure((SSLServerSocket) tls.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                return configure((SSLServerSocket) tls.createServerSocket(port, backlog, address));
            }
        };
    }

    /**
     * Starts a TLS session over a connected socket and completes the handshake, within the
     * socket's current timeout; the server's certificate must be trusted and, when so configured,
     * name {@code host}.
     */
    public SSLSocket clientSession(Socket connected, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        if (settings.protocols() != null && !settings.protocols().isEmpty()) {
            parameters.setProtocols(settings.protocols().toArray(String[]::new));
        }
        if (settings.verifyHostname()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private SSLServerSocket configure(SSLServerSocket socket) {
        if (settings.protocols() != null && !settings.protocols().isEmpty()) {
            socket.setEnabledProtocols(settings.protocols().toArray(String[]::new));
        }
        switch (settings.clientAuth() == null ? TlsSettings.ClientAuth.NONE : settings.clientAuth()) {
            case NEED -> socket.setNeedClientAuth(true);
            case WANT -> socket.setWantClientAuth(true);
            default -> socket.setNeedClientAuth(false);
        }
        return socket;
    }

    private static KeyStore load(Path path, String password, String type) throws IOException,
            GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? KeyStore.getDefaultType() : type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password(password));
        }
        return store;
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
