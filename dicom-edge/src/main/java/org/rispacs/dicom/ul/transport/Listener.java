package org.rispacs.dicom.ul.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections and serves each on a worker thread of its own, at most
 * {@code maxConnections} at once; further connections wait in the accept queue. A failing
 * connection never stops the listener.
 */
public final class Listener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    private final ServerSocket server;
    private final ExecutorService workers;
    private final Thread acceptor;

    private Listener(ServerSocket server, ExecutorService workers, Consumer<Socket> serve, String name) {
        this.server = server;
        this.workers = workers;
        this.acceptor = new Thread(() -> acceptLoop(serve), name + "-accept");
        this.acceptor.setDaemon(true);
    }

    public static Listener start(InetAddress bindAddress, int port, int maxConnections, String name,
                                 Consumer<Socket> serve) throws IOException {
        return start(ServerSocketFactory.getDefault(), bindAddress, port, maxConnections, name, serve);
    }

    /** With a socket factory, e.g. for TLS ({@link Tls}). */
    public static Listener start(ServerSocketFactory sockets, InetAddress bindAddress, int port, int maxConnections,
                                 String name, Consumer<Socket> serve) throws IOException {
        ServerSocket server = sockets.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bindAddress, port), 128);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService workers = new ThreadPoolExecutor(maxConnections, maxConnections, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Listener listener = new Listener(server, workers, serve, name);
        listener.acceptor.start();
        return listener;
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean isRunning() {
        return !server.isClosed() && acceptor.isAlive();
    }

    private void acceptLoop(Consumer<Socket> serve) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> {
                    try {
                        serve.accept(socket);
                    } catch (RuntimeException e) {
                        log.error("Connection from {} failed", socket.getRemoteSocketAddress(), e);
                    } finally {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Accepting a connection on port {} failed: {}", port(), e.getMessage());
                }
            }
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
    }
}
