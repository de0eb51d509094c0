package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
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
import org.rispacs.api.common.DaemonThreads;

/**
 * The two ways the HL7 tests talk to our MLLP listener: HAPI's own client (one HAPI context for the
 * whole test run, so nothing needs closing), and raw bytes on a socket.
 */
public final class MllpTestClient {

    private static final HapiContext HAPI = hapiContext();

    private MllpTestClient() {
    }

    private static HapiContext hapiContext() {
        ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("test-hapi-mllp-client"));
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setExecutorService(executor);
        // encode what is sent in the character set its MSH-18 names, as an EHR does
        context.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        return context;
    }

    /** Sends with HAPI's MLLP client to the listener on the port; the acknowledgement's segments. */
    public static List<String> send(int port, String text) throws Exception {
        Connection connection = HAPI.newClient("127.0.0.1", port, false);
        try {
            connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
            Message response = connection.getInitiator().sendAndReceive(HAPI.getPipeParser().parse(text));
            return List.of(response.encode().split("\r"));
        } finally {
            connection.close();
        }
    }

    public static byte[] frame(String text, Charset charset) {
        byte[] payload = text.getBytes(charset);
        byte[] framed = new byte[payload.length + 3];
        framed[0] = 0x0b;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = 0x1c;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    /** One request and its reply over a raw socket, as an MLLP client written by someone else would. */
    public static String exchange(Socket socket, String text, Charset charset) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(frame(text, charset));
        out.flush();
        return readReply(socket, charset);
    }

    /** The next framed reply on the socket. */
    public static String readReply(Socket socket, Charset charset) throws Exception {
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
}
