package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The two ways the HL7 tests talk to our MLLP listener: HAPI's own client, and raw bytes on a socket. */
final class MllpTestClient implements AutoCloseable {

    private final HapiContext hapi;
    private final int port;

    MllpTestClient(int port) {
        this.port = port;
        ExecutorService executor = Executors.newCachedThreadPool();
        hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.setExecutorService(executor);
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    /** Sends with HAPI's MLLP client; the acknowledgement's segments. */
    List<String> send(String text) throws Exception {
        Connection connection = hapi.newClient("127.0.0.1", port, false);
        try {
            connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
            Message response = connection.getInitiator().sendAndReceive(hapi.getPipeParser().parse(text));
            return List.of(response.encode().split("\r"));
        } finally {
            connection.close();
        }
    }

    static byte[] frame(String text, Charset charset) {
        byte[] payload = text.getBytes(charset);
        byte[] framed = new byte[payload.length + 3];
        framed[0] = 0x0b;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = 0x1c;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    /** One request and its reply over a raw socket, as an MLLP client written by someone else would. */
    static String exchange(Socket socket, String text, Charset charset) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(frame(text, charset));
        out.flush();
        return readReply(socket, charset);
    }

    /** The next framed reply on the socket. */
    static String readReply(Socket socket, Charset charset) throws Exception {
        socket.setSoTimeout(60_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b = in.read();
        assertThat(b).as("start block").isEqualTo(0x0b);
        while ((b = in.read()) != 0x1c) {
            assertThat(b).as("the reply ended early").isNotNegative();
            reply.write(b);
        }
        assertThat(in.read()).isEqualTo(0x0d);
        return reply.toString(charset);
    }

    @Override
    public void close() throws Exception {
        hapi.close();
    }
}
