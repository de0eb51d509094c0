package org.rispacs.hl7.outbound;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.hl7.message.Hl7Parser;

/** Judges an acknowledgement of a message we sent: AA and CA accept it; anything else is an error. */
public final class AckReader {

    private final Hl7Parser parser;

    public AckReader(Hl7Parser parser) {
        this.parser = parser;
    }

    public AckOutcome read(String ack, String sentControlId) {
        Message message;
        String code;
        String echoedControlId;
        Terser terser;
        try {
            message = parser.parse(ack);
            terser = new Terser(message);
            code = terser.get("/MSA-1");
            echoedControlId = terser.get("/MSA-2");
        } catch (HL7Exception | RuntimeException e) {
            return AckOutcome.failed(null, "garbled acknowledgement: " + e.getMessage());
        }
        if (code == null || code.isBlank()) {
            return AckOutcome.failed(null, "garbled acknowledgement: no MSA-1");
        }
        if (!sentControlId.equals(echoedControlId)) {
            return AckOutcome.failed(code, "acknowledgement of another message: MSA-2 '" + echoedControlId
                    + "', sent '" + sentControlId + "'");
        }
        if (code.equals("AA") || code.equals("CA")) {
            return AckOutcome.accepted(code);
        }
        return AckOutcome.failed(code, code + ": " + errorText(terser));
    }

    /** ERR-8 (user message), else ERR-3 text and code, else MSA-3, of every ERR. */
    private static String errorText(Terser terser) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String text = firstPresent(terser, "/ERR(" + i + ")-8", "/ERR(" + i + ")-3-2", "/ERR(" + i + ")-3-1",
                    "/ERR(" + i + ")-1-4-2");
            if (text == null) {
                break;
            }
            texts.add(text);
        }
        if (texts.isEmpty()) {
            String msa3 = firstPresent(terser, "/MSA-3");
            return msa3 != null ? msa3 : "no error text";
        }
        return String.join("; ", texts);
    }

    private static String firstPresent(Terser terser, String... paths) {
        for (String path : paths) {
            try {
                String value = terser.get(path);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            } catch (HL7Exception | RuntimeException e) {
                // absent segment or field: try the next
            }
        }
        return null;
    }
}
