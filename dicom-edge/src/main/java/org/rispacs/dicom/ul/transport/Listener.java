package org.rispacs.dicom.ul.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ServerSocketFactory;
import org.rispacs.api.common.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections and serves each on a worker thread of its own, at most
 * {@code maxConnections} at once. A connection past that limit is handed to {@code refuse}
 * (which answers it, e.g. with an A-ASSOCIATE-RJ) on one of a few threads kept for refusals,
 * rather than left waiting unanswered; when those are busy too it is closed at once. A failing
 * connection never stops the listener.
 */
public final class Listener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    /** Refusing waits for the peer's request (at most the ARTIM timeout): a few threads, so a flood costs little. */
    private static final int REFUSING_THREADS = 4;

    private final ServerSocket server;
    private final ExecutorService workers;
    private final ExecutorService refusers;
    private final Semaphore slots;
    private final Thread acceptor;

    private Listener(ServerSocket server, ExecutorService workers, ExecutorService refusers, int maxConnections,
                     Consumer<Socket> serve, Consumer<Socket> refuse, String name) {
        this.server = server;
        this.workers = workers;
        this.refusers = refusers;
        this.slots = new Semaphore(maxConnections);
        this.acceptor = DaemonThreads.named(name + "-accept").newThread(() -> acceptLoop(serve, refuse));
    }

    public static Listener start(InetAddress bindAddress, int port, int maxConnections, String name,
                                 Consumer<Socket> serve, Consumer<Socket> refuse) throws IOException {
        return start(ServerSocketFactory.getDefault(), bindAddress, port, maxConnections, name, serve, refuse);
    }

    /** With a socket factory, e.g. for TLS ({@link Tls}). */
    public static Listener start(ServerSocketFactory sockets, InetAddress bindAddress, int port, int maxConnections,
                                 String name, Consumer<Socket> serve, Consumer<Socket> refuse) throws IOException {
        ServerSocket server = sockets.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bindAddress, port), 128);
        ExecutorService workers = new ThreadPoolExecutor(maxConnections, maxConnections, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.numbered(name));
        ExecutorService refusers = new ThreadPoolExecutor(0, REFUSING_THREADS, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.numbered(name + "-refuse"));
        Listener listener = new Listener(server, workers, refusers, maxConnections, serve, refuse, name);
        listener.acceptor.start();
        return listener;
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean isRunning() {
        return !server.isClosed() && acceptor.isAlive();
    }

    private void acceptLoop(Consumer<Socket> serve, Consumer<Socket> refuse) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (slots.tryAcquire()) {
                    workers.execute(() -> {
                        try {
                            run(serve, socket);
                        } finally {
                            slots.release();
                        }
                    });
                } else {
                    refuse(refuse, socket);
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Accepting a connection on port {} failed: {}", port(), e.getMessage());
                }
            }
        }
    }

    private void refuse(Consumer<Socket> refuse, Socket socket) {
        log.warn("Connection from {} past the limit of simultaneous connections on port {}: refused",
                socket.getRemoteSocketAddress(), port());
        try {
            refusers.execute(() -> run(refuse, socket));
        } catch (RejectedExecutionException busy) {
            closeQuietly(socket);
        }
    }

    private static void run(Consumer<Socket> handling, Socket socket) {
        try {
            handling.accept(socket);
        } catch (RuntimeException e) {
            log.error("Connection from {} failed", socket.getRemoteSocketAddress(), e);
        } finally {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
        refusers.shutdownNow();
    }
}
