package org.rispacs.hl7.message;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rispacs.api.common.DaemonThreads;

/**
 * HAPI's pipe parser, version-tolerant: every supported version (2.3 to 2.5.1) is parsed into the
 * 2.5.1 structures, so the mapping is written once. HAPI's own validation is off: the mapping
 * checks the fields it uses and says precisely which one is wrong.
 */
public final class Hl7Parser implements AutoCloseable {

    private final HapiContext context;
    private final PipeParser parser;

    public Hl7Parser() {
        context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        // closing a context shuts its executor down: never let it be HAPI's JVM-wide default
        ExecutorService ownExecutor = Executors.newSingleThreadExecutor(DaemonThreads.named("hl7-parser-context"));
        context.setExecutorService(ownExecutor);
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        parser = context.getPipeParser();
    }

    /** Parses pipe-encoded text; segment separators CR, LF or CR LF are all accepted. */
    public Message parse(String text) throws HL7Exception {
        String normalised = text.replace("\r\n", "\r").replace('\n', '\r');
        return parser.parse(normalised);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception ignored) {
            // only our own executor goes away
        }
    }
}
