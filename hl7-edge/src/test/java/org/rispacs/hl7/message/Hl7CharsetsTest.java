package org.rispacs.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7CharsetsTest {

    @Test
    void theIso8859FamilyAndTheEastAsianSetsOfTable0211AreDecoded() {
        assertThat(Hl7Charsets.forMsh18("8859/2", StandardCharsets.UTF_8)).contains(Charset.forName("ISO-8859-2"));
        assertThat(Hl7Charsets.forMsh18("8859/9", StandardCharsets.UTF_8)).contains(Charset.forName("ISO-8859-9"));
        assertThat(Hl7Charsets.forMsh18("8859/15", StandardCharsets.UTF_8)).contains(Charset.forName("ISO-8859-15"));
        assertThat(Hl7Charsets.forMsh18("ISO IR87", StandardCharsets.UTF_8)).contains(Charset.forName("ISO-2022-JP"));
        assertThat(Hl7Charsets.forMsh18("GB 18030-2000", StandardCharsets.UTF_8)).contains(Charset.forName("GB18030"));
        assertThat(Hl7Charsets.forMsh18("KS X 1001", StandardCharsets.UTF_8)).contains(Charset.forName("EUC-KR"));
        assertThat(Hl7Charsets.forMsh18("BIG-5", StandardCharsets.UTF_8)).contains(Charset.forName("Big5"));
        assertThat(Hl7Charsets.forMsh18("", StandardCharsets.UTF_8)).contains(StandardCharsets.UTF_8);
    }

    @Test
    void characterSetsWhoseHeaderIsNotAsciiOrUnknownNamesAreNotSupported() {
        assertThat(Hl7Charsets.forMsh18("UNICODE UTF-16", StandardCharsets.UTF_8)).isEmpty();
        assertThat(Hl7Charsets.forMsh18("EBCDIC", StandardCharsets.UTF_8)).isEmpty();
        assertThat(Hl7Charsets.forMsh18("8859/10", StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aLatin2NameSurvivesDecoding() {
        byte[] bytes = "PID|1||X||Łukasiewicz".getBytes(Charset.forName("ISO-8859-2"));
        assertThat(Hl7Charsets.decode(bytes, Hl7Charsets.forMsh18("8859/2", StandardCharsets.UTF_8).orElseThrow()))
                .endsWith("Łukasiewicz");
    }
}
