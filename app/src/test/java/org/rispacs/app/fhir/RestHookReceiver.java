package org.rispacs.app.fhir;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FHIR client's rest-hook endpoint on loopback (JDK HTTP server): records every POST under
 * {@code /hooks/} by its path, with its headers and body, and answers each path with the status set
 * for it (200 unless told otherwise, e.g. 503 while it is "down").
 */
final class RestHookReceiver {

    static final String PATH = "/hooks/";

    /** One POST received, and the status it was answered with. */
    record Received(String path, Map<String, List<String>> headers, String body, int answered) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    private RestHookReceiver(HttpServer server) {
        this.server = server;
    }

    static RestHookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RestHookReceiver receiver = new RestHookReceiver(server);
            server.createContext(PATH, exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String path = exchange.getRequestURI().getPath();
                int status = exchange.getRequestMethod().equals("POST") ? receiver.statuses.getOrDefault(path, 200)
                        : 405;
                receiver.received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL prefix of the hooks, e.g. {@code http://127.0.0.1:4711/hooks/}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    String url(String name) {
        return base() + name;
    }

    void answer(String name, int status) {
        statuses.put(PATH + name, status);
    }

    /** Everything POSTed to the hook, in arrival order, whatever it was answered. */
    List<Received> received(String name) {
        List<Received> posted = new ArrayList<>();
        for (Received one : received) {
            if (one.path().equals(PATH + name)) {
                posted.add(one);
            }
        }
        return posted;
    }

    /** What the hook accepted (answered 2xx), in arrival order. */
    List<Received> accepted(String name) {
        return received(name).stream().filter(one -> one.answered() >= 200 && one.answered() < 300).toList();
    }

    void stop() {
        server.stop(0);
    }
}
