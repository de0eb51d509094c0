package org.rispacs.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageHeaderTest {

    private static final MessageHeader HEADER = new MessageHeader("EPIC", "HOSP", "RIS", "RAD", "ORM", "O01", "M1",
            "P", "2.5.1", "UNICODE UTF-8");
    private static final String MESSAGE = "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ORM^O01|M1|P|2.5.1|||||"
            + "|UNICODE UTF-8~8859/1\rPID|1||P1";

    @Test
    void readsTheHeaderFields() {
        assertThat(MessageHeader.read(MESSAGE)).contains(HEADER);
    }

    @Test
    void aByteOrderMarkAndBlankLinesBeforeTheHeaderAreSkipped() {
        assertThat(MessageHeader.read("\uFEFF" + MESSAGE)).contains(HEADER);
        assertThat(MessageHeader.read("\r\n\r\n" + MESSAGE)).contains(HEADER);
        assertThat(MessageHeader.read("\uFEFF \t\n" + MESSAGE)).contains(HEADER);
    }

    @Test
    void textNotStartingWithMshHasNoHeader() {
        assertThat(MessageHeader.read("PID|1\r" + MESSAGE)).isEmpty();
        assertThat(MessageHeader.read("x" + MESSAGE)).isEmpty();
        assertThat(MessageHeader.read("\r\n")).isEmpty();
        assertThat(MessageHeader.read(null)).isEmpty();
    }
}
