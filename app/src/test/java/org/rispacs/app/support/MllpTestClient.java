package org.rispacs.app.support;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.hl7.mllp.MllpFrames;

/**
 * The two ways the tests talk to an MLLP listener: HAPI's own client (one HAPI context for the
 * whole test run, so nothing needs closing) wherever a well-formed message is exchanged, and raw
 * bytes on a socket where the bytes themselves are the point (malformed or split frames, character
 * sets, batches, a connection killed mid-burst, load measured without a client library's cost).
 */
public final class MllpTestClient {

    private static final int START_BLOCK = 0x0b;
    private static final int END_BLOCK = 0x1c;
    private static final int CARRIAGE_RETURN = 0x0d;
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

    /** The text framed as MLLP (our server's {@link MllpFrames}), for raw sockets and mllp_send's files. */
    public static byte[] frame(String text, Charset charset) {
        return MllpFrames.frame(text.getBytes(charset));
    }

    /** One request and its reply over a raw socket, as an MLLP client written by someone else would. */
    public static String exchange(Socket socket, String text, Charset charset) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(frame(text, charset));
        out.flush();
        return readReply(socket, charset);
    }

    /** The next framed reply on the socket, waiting at most a minute. */
    public static String readReply(Socket socket, Charset charset) throws IOException {
        socket.setSoTimeout(60_000);
        return readReply(socket.getInputStream(), charset);
    }

    /** The next framed reply on the stream; strict: it must start with the start block, and end with FS CR. */
    public static String readReply(InputStream in, Charset charset) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b = in.read();
        if (b != START_BLOCK) {
            throw new IOException("no start block but " + b);
        }
        while ((b = in.read()) != END_BLOCK) {
            if (b < 0) {
                throw new IOException("the connection closed inside the reply");
            }
            reply.write(b);
        }
        if (in.read() != CARRIAGE_RETURN) {
            throw new IOException("no carriage return after the end block");
        }
        return reply.toString(charset);
    }
}
