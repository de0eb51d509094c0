package org.rispacs.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void aByteOrderMarkAndBlankSpaceBeforeTheHeaderAreStripped() {
        assertThat(MessageText.stripLeadingNoise("\uFEFFMSH|^~\\&|A\rPID|1")).isEqualTo("MSH|^~\\&|A\rPID|1");
        assertThat(MessageText.stripLeadingNoise("\r\n \t\nMSH|^~\\&|A\r")).isEqualTo("MSH|^~\\&|A\r");
        assertThat(MessageText.stripLeadingNoise("\uFEFF\r\nFHS|^~\\&\rBHS|^~\\&\r"))
                .isEqualTo("FHS|^~\\&\rBHS|^~\\&\r");
        assertThat(MessageText.stripLeadingNoise("\nBHS|^~\\&\r")).isEqualTo("BHS|^~\\&\r");
    }

    @Test
    void nothingElseChanges() {
        assertThat(MessageText.stripLeadingNoise("MSH|^~\\&|A \r\n")).isEqualTo("MSH|^~\\&|A \r\n");
        assertThat(MessageText.stripLeadingNoise("\r\nPID|1")).isEqualTo("\r\nPID|1");
        assertThat(MessageText.stripLeadingNoise("x\r\nMSH|^~\\&")).isEqualTo("x\r\nMSH|^~\\&");
        assertThat(MessageText.stripLeadingNoise("\r\n")).isEqualTo("\r\n");
        assertThat(MessageText.stripLeadingNoise("")).isEmpty();
        assertThat(MessageText.stripLeadingNoise(null)).isNull();
    }

    @Test
    void countsTheMshSegmentsWhateverTheSegmentSeparator() {
        assertThat(MessageText.countMessageHeaders("MSH|^~\\&|A\rPID|1\r")).isEqualTo(1);
        assertThat(MessageText.countMessageHeaders("MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\nPID|2\r\nMSH|^~\\&|C"))
                .isEqualTo(3);
        assertThat(MessageText.countMessageHeaders("\uFEFF\r\nMSH|^~\\&|A\r\nMSH|^~\\&|B\r\n")).isEqualTo(2);
    }

    @Test
    void onlySegmentsWithTheFirstHeadersFieldSeparatorAreHeaders() {
        assertThat(MessageText.countMessageHeaders("MSH#^~\\&|A\rMSH|^~\\&|B\rMSH#^~\\&|C")).isEqualTo(2);
        assertThat(MessageText.countMessageHeaders("MSH|^~\\&|A\rMSHX|1\rNTE|1|MSH|x\r MSH|^~\\&")).isEqualTo(1);
    }

    @Test
    void countsNoHeaderInTextWithoutOne() {
        assertThat(MessageText.countMessageHeaders("PID|1\rNTE|1")).isZero();
        assertThat(MessageText.countMessageHeaders("MSH")).isZero();
        assertThat(MessageText.countMessageHeaders("")).isZero();
        assertThat(MessageText.countMessageHeaders(null)).isZero();
    }

    @Test
    void countsTheHeadersInsideABatch() {
        assertThat(MessageText.countMessageHeaders("FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rMSH|^~\\&|B\rBTS|2\rFTS|1"))
                .isEqualTo(2);
    }

    @Test
    void aBatchStartsWithAFileOrBatchHeader() {
        assertThat(MessageText.isBatch("FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A")).isTrue();
        assertThat(MessageText.isBatch("BHS|^~\\&\rMSH|^~\\&|A")).isTrue();
        assertThat(MessageText.isBatch("\uFEFF\r\nBHS|^~\\&\r")).isTrue();
        assertThat(MessageText.isBatch("MSH|^~\\&|A\rBHS|^~\\&")).isFalse();
        assertThat(MessageText.isBatch("x\rFHS|^~\\&")).isFalse();
        assertThat(MessageText.isBatch(null)).isFalse();
    }

    @Test
    void aBatchIsSplitIntoItsMessagesWithoutItsHeadersAndTrailers() {
        String batch = "FHS|^~\\&|EPIC\rBHS|^~\\&|EPIC\rMSH|^~\\&|EPIC|HOSP|||1||ADT^A04|B1|P|2.5.1\nPID|1||X\r\n"
                + "MSH|^~\\&|EPIC|HOSP|||1||ADT^A08|B2|P|2.5.1\rPID|1||Y\rBTS|2\rFTS|1\r";
        assertThat(MessageText.batchMessages(batch)).containsExactly(
                "MSH|^~\\&|EPIC|HOSP|||1||ADT^A04|B1|P|2.5.1\rPID|1||X\r",
                "MSH|^~\\&|EPIC|HOSP|||1||ADT^A08|B2|P|2.5.1\rPID|1||Y\r");
        assertThat(MessageText.batchMessages("BHS|^~\\&\rBTS|0\r")).isEmpty();
    }
}
