package org.rispacs.app.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.net.ServerSocketFactory;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.hl7.mllp.MllpFrameReader;
import org.rispacs.hl7.mllp.MllpFrames;

/**
 * A system receiving our messages over MLLP (an EHR, a billing system), played on loopback,
 * optionally over TLS. Each message is answered by the script for its key (e.g. the placer order
 * number), AA when none is left (or what {@link #answerUnscripted} says): "AE"/"AR" (with an ERR),
 * "GARBLED" (an answer that is no HL7), "DROP" (closes the connection), "SILENT" (never answers
 * within the sender's patience).
 */
public final class ScriptedReceiver {

    private volatile ServerSocketFactory sockets;
    private final Function<String, String> key;
    private volatile ServerSocket server;
    private final Map<String, Queue<String>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> received = new ConcurrentHashMap<>();
    private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
    private volatile String unscriptedAnswer = "AA";

    private ScriptedReceiver(ServerSocketFactory sockets, Function<String, String> key) {
        this.sockets = sockets;
        this.key = key;
    }

    /** @param key what a message's script is found by, from its text */
    public static ScriptedReceiver start(ServerSocketFactory sockets, Function<String, String> key) {
        ScriptedReceiver receiver = new ScriptedReceiver(sockets, key);
        receiver.server = receiver.listen(0);
        receiver.acceptInBackground();
        return receiver;
    }

    /** Listens again on the same port after {@link #stop()}, with other sockets (another TLS identity). */
    public void restart(ServerSocketFactory otherSockets) {
        sockets = otherSockets;
        restart();
    }

    /** Listens again on the same port after {@link #stop()}. */
    public void restart() {
        server = listen(server.getLocalPort());
        acceptInBackground();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void script(String key, String... answers) {
        scripts.put(key, new ConcurrentLinkedQueue<>(List.of(answers)));
    }

    /** How messages without a script of their own are answered from now on (AA at first). */
    public void answerUnscripted(String answer) {
        unscriptedAnswer = answer;
    }

    /** The messages received and answered (not those met with SILENT or DROP), in order. */
    public List<String> received(String key) {
        return List.copyOf(received.getOrDefault(key, new ConcurrentLinkedQueue<>()));
    }

    /** The keys of all messages answered, in the order they arrived. */
    public List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The keys of the messages answered AA, in the order they arrived. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public static String fieldOf(String message, String segment, int field) {
        for (String line : message.split("\r")) {
            if (line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                int index = segment.equals("MSH") ? field - 1 : field;
                return index < fields.length ? fields[index] : "";
            }
        }
        return null;
    }

    /** One component of a field (1-based), e.g. the placer order number of an OBR-2 that names its namespace too. */
    public static String componentOf(String message, String segment, int field, int component) {
        String value = fieldOf(message, segment, field);
        if (value == null) {
            return null;
        }
        String[] components = value.split("\\^", -1);
        return component <= components.length ? components[component - 1] : "";
    }

    /** Every segment of the given name, whole. */
    public static List<String> segments(String message, String segment) {
        return Arrays.stream(message.split("\r")).filter(line -> line.startsWith(segment + "|")).toList();
    }

    private ServerSocket listen(int port) {
        try {
            ServerSocket socket = sockets.createServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void acceptInBackground() {
        ServerSocket listening = server;
        DaemonThreads.start("scripted-receiver", () -> serve(listening));
    }

    private void serve(ServerSocket listening) {
        while (!listening.isClosed()) {
            try (Socket connection = listening.accept()) {
                connection.setSoTimeout(5000);
                answer(connection.getInputStream(), connection.getOutputStream());
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        MllpFrameReader.Frame frame = new MllpFrameReader(in, 1 << 20).next();
        if (frame == null) {
            return;
        }
        String message = new String(frame.payload(), StandardCharsets.UTF_8);
        String messageKey = key.apply(message);
        Queue<String> script = scripts.get(messageKey);
        String answer = script == null || script.isEmpty() ? unscriptedAnswer : script.poll();
        if (answer.equals("SILENT")) {
            // longer than the sender's read timeout: it must give up on its own
            sleep(3000);
            return;
        }
        if (answer.equals("DROP")) {
            return;
        }
        received.computeIfAbsent(messageKey, k -> new ConcurrentLinkedQueue<>()).add(message);
        arrivals.add(messageKey);
        if (answer.equals("AA")) {
            accepted.add(messageKey);
        }
        String ack = answer.equals("GARBLED") ? "HTTP/1.1 400 Bad Request\r\n\r\n<html>no</html>"
                : "MSH|^~\\&|RECV|HOSP|RISPACS|RISPACS|20260101||ACK^" + fieldOf(message, "MSH", 9).split("\\^")[1]
                + "^ACK|ACK-" + UUID.randomUUID().toString().substring(0, 8) + "|P|2.5.1\rMSA|" + answer + "|"
                + fieldOf(message, "MSH", 10) + (answer.equals("AA") ? ""
                : "\rERR||FT1^1^2|207^Application internal error^HL70357|E||||not today");
        out.write(MllpFrames.frame(ack.getBytes(StandardCharsets.UTF_8)));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
