package org.rispacs.hl7.mllp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import org.rispacs.api.common.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener speaking MLLP: one thread per connection, at most {@code maxConnections} at once
 * (further connections are closed at once rather than queued), each silent connection closed
 * after the idle timeout. Whatever a peer sends, only its own connection suffers.
 */
public final class MllpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    private final Config config;
    private final MllpMessageHandler handler;
    private final ServerSocket serverSocket;
    private final ExecutorService connections;
    private final Semaphore connectionSlots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean running = true;

    /**
     * @param bindAddress    the address to listen on
     * @param port           the port, 0 for a free one
     * @param maxConnections connections served at once
     * @param maxMessageSize the largest payload processed; larger ones are answered from their header
     * @param idleTimeout    how long a connection may stay silent (and how long a TLS handshake may take)
     * @param sockets        plain TCP, or TLS server sockets for MLLP over TLS
     */
    public record Config(InetAddress bindAddress, int port, int maxConnections, int maxMessageSize,
                         Duration idleTimeout, ServerSocketFactory sockets) {

        /** A plain TCP listener. */
        public Config(InetAddress bindAddress, int port, int maxConnections, int maxMessageSize,
                      Duration idleTimeout) {
            this(bindAddress, port, maxConnections, maxMessageSize, idleTimeout, ServerSocketFactory.getDefault());
        }
    }

    private MllpServer(Config config, MllpMessageHandler handler) throws IOException {
        this.config = config;
        this.handler = handler;
        this.serverSocket = config.sockets().createServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        this.connections = Executors.newCachedThreadPool(DaemonThreads.numbered("mllp"));
        this.connectionSlots = new Semaphore(config.maxConnections());
        this.acceptor = DaemonThreads.named("mllp-acceptor-" + serverSocket.getLocalPort())
                .newThread(this::acceptLoop);
    }

    public static MllpServer start(Config config, MllpMessageHandler handler) throws IOException {
        MllpServer server = new MllpServer(config, handler);
        server.acceptor.start();
        log.info("HL7 MLLP{} listener on {}:{}", server.serverSocket instanceof SSLServerSocket ? " over TLS" : "",
                config.bindAddress().getHostAddress(), server.port());
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public boolean isRunning() {
        return running && !serverSocket.isClosed() && acceptor.isAlive();
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (running) {
                    log.warn("Accepting an MLLP connection failed", e);
                    continue;
                }
                return;
            }
            if (!connectionSlots.tryAcquire()) {
                log.warn("Refusing MLLP connection from {}: {} connections already open",
                        socket.getRemoteSocketAddress(), config.maxConnections());
                closeQuietly(socket);
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RuntimeException rejected) {
                connectionSlots.release();
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        open.add(socket);
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            MllpFrameReader reader = new MllpFrameReader(new BufferedInputStream(socket.getInputStream()),
                    config.maxMessageSize());
            OutputStream out = socket.getOutputStream();
            MllpFrameReader.Frame frame;
            while (running && (frame = reader.next()) != null) {
                byte[] reply = handler.handle(frame.payload(), frame.oversized(), peer);
                out.write(MllpFrames.frame(reply));
                out.flush();
            }
        } catch (SocketTimeoutException idle) {
            log.debug("Closing MLLP connection from {}: idle for {}", peer, config.idleTimeout());
        } catch (MllpProtocolException broken) {
            log.warn("Closing MLLP connection from {}: {}", peer, broken.getMessage());
        } catch (SSLException tls) {
            log.warn("Closing MLLP connection from {}: TLS failed: {}", peer, tls.getMessage());
        } catch (SocketException closed) {
            log.debug("MLLP connection from {} closed: {}", peer, closed.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("MLLP connection from {} ended abnormally", peer, e);
        } finally {
            open.remove(socket);
            connectionSlots.release();
        }
    }

    @Override
    public void close() {
        running = false;
        closeQuietly(serverSocket);
        open.forEach(MllpServer::closeQuietly);
        connections.shutdown();
        try {
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                connections.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on the way out: nothing left to do
        }
    }
}
