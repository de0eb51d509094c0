package org.rispacs.hl7.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rispacs.hl7.message.MessageHeader;

class AckBuilderTest {

    private final AckBuilder acks = new AckBuilder("RISPACS", "RAD",
            Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC));

    private static MessageHeader header(String version) {
        return MessageHeader.read("MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101||ORM^O01|MSG-1|P|" + version
                + "||||||UNICODE UTF-8\rPID|1").orElseThrow();
    }

    @Test
    void anAcceptIsAddressedBackToTheSenderAndEchoesItsControlId() {
        String[] segments = acks.build(header("2.5.1"), AcknowledgementCode.AA, List.of()).split("\r");
        assertThat(segments).hasSize(2);
        assertThat(segments[0]).startsWith("MSH|^~\\&|RISPACS|RAD|EPIC|HOSP|20260101120000.000+0000||ACK^O01^ACK|")
                .endsWith("|P|2.5.1||||||UNICODE UTF-8");
        assertThat(segments[1]).isEqualTo("MSA|AA|MSG-1");
    }

    @Test
    void anErrorNamesLocationCodeSeverityAndMessageInVersion25() {
        String ack = acks.build(header("2.5"), AcknowledgementCode.AE, List.of(new Hl7Error(
                Hl7ErrorCode.UNKNOWN_KEY_IDENTIFIER, ErrorLocation.field("ORC", 2), "UNKNOWN", "no such order | x")));
        assertThat(ack.split("\r")).containsSubsequence("MSA|AE|MSG-1",
                "ERR||ORC^1^2|204^Unknown key identifier^HL70357|E|UNKNOWN|||no such order \\F\\ x");
    }

    @Test
    void olderVersionsGetTheErrorInErr1AndMsa3() {
        String ack = acks.build(header("2.3"), AcknowledgementCode.AE, List.of(Hl7Error.at(
                ErrorLocation.component("PID", 5, 1), Hl7ErrorCode.REQUIRED_FIELD_MISSING, "family name missing")));
        assertThat(ack.split("\r")).containsSubsequence("MSA|AE|MSG-1|family name missing",
                "ERR|PID^1^5^101&Required field missing&HL70357");
        assertThat(ack).contains("||ACK^O01|");
    }

    @Test
    void aMessageWithoutReadableHeaderIsStillAnswered() {
        String ack = acks.build(null, AcknowledgementCode.AR,
                List.of(Hl7Error.of(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR, "no MSH")));
        assertThat(ack.split("\r")).containsSubsequence("MSA|AR|",
                "ERR|||100^Segment sequence error^HL70357|E||||no MSH");
    }
}
