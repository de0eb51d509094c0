package org.rispacs.hl7.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MllpFrameReaderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsConsecutiveFramesAndSkipsBytesBetweenThem() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(MllpFrames.frame(bytes("MSH|one")));
        stream.write(bytes("\r\njunk"));
        stream.write(MllpFrames.frame(bytes("MSH|two")));
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(stream.toByteArray()), 100);
        assertThat(reader.next().payload()).isEqualTo(bytes("MSH|one"));
        assertThat(reader.next().payload()).isEqualTo(bytes("MSH|two"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void anOversizedFrameIsReadToItsEndAndKeepsItsBeginning() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(MllpFrames.frame(bytes("MSH|" + "x".repeat(500))));
        stream.write(MllpFrames.frame(bytes("MSH|next")));
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(stream.toByteArray()), 100);
        MllpFrameReader.Frame oversized = reader.next();
        assertThat(oversized.oversized()).isTrue();
        assertThat(new String(oversized.payload(), StandardCharsets.ISO_8859_1)).startsWith("MSH|xxx").hasSize(100);
        assertThat(reader.next().payload()).isEqualTo(bytes("MSH|next"));
    }

    @Test
    void aStreamEndingInsideAFrameIsAnError() {
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(bytes("\u000bMSH|cut")), 100);
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
    }

    @Test
    void endlessBytesOutsideFramesEndTheConnection() {
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(bytes("y".repeat(1000))), 100);
        assertThatThrownBy(reader::next).isInstanceOf(MllpProtocolException.class);
    }

    @Test
    void aStartBlockInsideAFrameDiscardsThePartialFrameAndRestartsThere() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MllpFrameReader.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(
                    bytes("\u000bMSH|one\r\u000bMSH|two\u001c\r")), 100);
            MllpFrameReader.Frame frame = reader.next();
            assertThat(frame.payload()).isEqualTo(bytes("MSH|two"));
            assertThat(frame.oversized()).isFalse();
            assertThat(reader.next()).isNull();
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("Discarding 8 bytes of an MLLP frame that was restarted before its end");
        });
    }

    @Test
    void aStartBlockAfterAnEndBlockWithoutCarriageReturnAlsoRestartsTheFrame() throws Exception {
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(
                bytes("\u000bMSH|one\u001c\u000bMSH|two\u001c\r")), 100);
        assertThat(reader.next().payload()).isEqualTo(bytes("MSH|two"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void anUnfinishedOversizedFrameIsDiscardedAndTheNextFrameIsNotOversized() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(bytes("\u000bMSH|" + "x".repeat(500)));
        stream.write(MllpFrames.frame(bytes("MSH|next")));
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(stream.toByteArray()), 100);
        MllpFrameReader.Frame frame = reader.next();
        assertThat(frame.payload()).isEqualTo(bytes("MSH|next"));
        assertThat(frame.oversized()).isFalse();
        assertThat(reader.next()).isNull();
    }

    @Test
    void anEndBlockRepeatedBeforeTheCarriageReturnEndsTheFrameAfterKeepingTheFirstAsData() throws Exception {
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(
                bytes("\u000bMSH|one\u001c\u001c\r")), 100);
        assertThat(reader.next().payload()).isEqualTo(bytes("MSH|one\u001c"));
        assertThat(reader.next()).isNull();
    }
}
