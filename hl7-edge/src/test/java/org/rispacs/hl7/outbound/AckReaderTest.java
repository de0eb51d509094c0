package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.rispacs.hl7.message.Hl7Parser;

class AckReaderTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private final AckReader acks = new AckReader(PARSER);

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    private static String ack(String msa, String... more) {
        return "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20260101||ACK^R01^ACK|A1|P|2.5.1\r" + msa
                + (more.length > 0 ? "\r" + String.join("\r", more) : "");
    }

    @Test
    void aaAndCaAccept() {
        assertThat(acks.read(ack("MSA|AA|R1"), "R1")).isEqualTo(AckOutcome.accepted("AA"));
        assertThat(acks.read(ack("MSA|CA|R1"), "R1")).isEqualTo(AckOutcome.accepted("CA"));
    }

    @Test
    void anErrorCarriesTheErrText() {
        AckOutcome outcome = acks.read(ack("MSA|AE|R1", "ERR||PID^1^3|204^Unknown key identifier^HL70357|E||||"
                + "no such patient"), "R1");
        assertThat(outcome.acknowledged()).isFalse();
        assertThat(outcome.ackCode()).isEqualTo("AE");
        assertThat(outcome.error()).isEqualTo("AE: no such patient");
    }

    @Test
    void aRejectWithoutErrUsesMsa3() {
        assertThat(acks.read(ack("MSA|AR|R1|busy"), "R1").error()).isEqualTo("AR: busy");
    }

    @Test
    void garbledOrForeignAcknowledgementsAreNotAcceptance() {
        assertThat(acks.read("hello", "R1").error()).startsWith("garbled acknowledgement");
        assertThat(acks.read(ack("MSA|AA|OTHER"), "R1").acknowledged()).isFalse();
    }
}
