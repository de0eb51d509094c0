package org.rispacs.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    private static final Hl7Parser PARSER = new Hl7Parser();

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    /** PID-5.1 of a message whose PID-5 is the given (still escaped) text; MSH-18 as given. */
    private static String familyName(String escaped, String characterSet) throws Exception {
        String text = "MSH|^~\\&|A|B|C|D|20260101120000||ADT^A01|M1|P|2.5.1||||||" + characterSet + "\r"
                + "EVN|A01\rPID|1||P1||" + escaped + "^Jane\r";
        return Segments.value((Segment) PARSER.parse(text).get("PID"), 5, 0, 1);
    }

    private static String familyName(String escaped) throws Exception {
        return familyName(escaped, "");
    }

    @Test
    void delimiterEscapesBecomeTheDelimiters() throws Exception {
        assertThat(familyName("a\\F\\b")).isEqualTo("a|b");
        assertThat(familyName("a\\S\\b")).isEqualTo("a^b");
        assertThat(familyName("a\\T\\b")).isEqualTo("a&b");
        assertThat(familyName("a\\R\\b")).isEqualTo("a~b");
        assertThat(familyName("a\\E\\b")).isEqualTo("a\\b");
    }

    @Test
    void highlightingIsRemoved() throws Exception {
        assertThat(familyName("a\\H\\b\\N\\c")).isEqualTo("abc");
    }

    @Test
    void formattingCommandsBecomeASingleSpace() throws Exception {
        assertThat(familyName("a\\.br\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.sp\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.sp2\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.in+4\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.ti-2\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.sk3\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.ce\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.fi\\b")).isEqualTo("a b");
        assertThat(familyName("a\\.nf\\b")).isEqualTo("a b");
        assertThat(familyName("\\.br\\a\\.br\\")).isEqualTo("a");
    }

    @Test
    void hexadecimalDataIsDecodedAsUtf8WhenValidElseAsIso88591() throws Exception {
        assertThat(familyName("\\X41C3A9\\b")).isEqualTo("A\u00e9b");
        assertThat(familyName("\\X4142\\")).isEqualTo("AB");
        assertThat(familyName("\\XE9\\b")).isEqualTo("\u00e9b");
        assertThat(familyName("\\Xc3a9\\")).isEqualTo("\u00e9");
    }

    @Test
    void hexadecimalDataFollowsTheCharacterSetOfMsh18() throws Exception {
        assertThat(familyName("\\XC3A9\\", "8859/1")).isEqualTo("\u00c3\u00a9");
        assertThat(familyName("\\XA4\\", "8859/15")).isEqualTo("\u20ac");
        assertThat(familyName("\\XC3A9\\", "UNICODE UTF-8")).isEqualTo("\u00e9");
    }

    @Test
    void characterSetAndLocalEscapesAreRemoved() throws Exception {
        assertThat(familyName("a\\C2842\\b")).isEqualTo("ab");
        assertThat(familyName("a\\M2442\\b")).isEqualTo("ab");
        assertThat(familyName("a\\Z12\\b")).isEqualTo("ab");
    }

    @Test
    void whatIsNotASequenceIsKeptAsWritten() throws Exception {
        assertThat(familyName("a\\X4\\b")).isEqualTo("a\\X4\\b");
        assertThat(familyName("a\\XZZ\\b")).isEqualTo("a\\XZZ\\b");
        assertThat(familyName("a\\E\\b\\H\\c")).isEqualTo("a\\bc");
        assertThat(familyName("O\\E\\Brien")).isEqualTo("O\\Brien");
    }

    @Test
    void valuesAreStrippedAfterDecoding() throws Exception {
        assertThat(familyName("  Doe \\X20\\")).isEqualTo("Doe");
        assertThat(familyName(" Doe ")).isEqualTo("Doe");
    }
}
