package org.rispacs.hl7.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class Hl7TimestampsTest {

    private static final String FORMAT = "YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]";

    /** The value is refused with the message naming what is wrong with it. */
    private static void assertRefused(Function<String, ?> parse, String value, String message) {
        assertThatThrownBy(() -> parse.apply(value)).as(value).isInstanceOf(DateTimeException.class)
                .hasMessage(message);
    }

    @Test
    void blankIsNull() {
        assertThat(Hl7Timestamps.date(null)).isNull();
        assertThat(Hl7Timestamps.date("")).isNull();
        assertThat(Hl7Timestamps.date("  ")).isNull();
        assertThat(Hl7Timestamps.dateTime(null)).isNull();
        assertThat(Hl7Timestamps.dateTime("")).isNull();
    }

    @Test
    void aDateNeedsADay() {
        assertThat(Hl7Timestamps.date("19800517")).isEqualTo(LocalDate.of(1980, 5, 17));
        assertThat(Hl7Timestamps.date("198005171030")).isEqualTo(LocalDate.of(1980, 5, 17));
        assertThat(Hl7Timestamps.date("20240229")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Hl7Timestamps.date("2026")).isNull();
        assertThat(Hl7Timestamps.date("202612")).isNull();
        assertThat(Hl7Timestamps.date("202612+0100")).isNull();
    }

    @Test
    void aDateTimeNeedsMinutesAndDropsFractionAndOffset() {
        assertThat(Hl7Timestamps.dateTime("198005171030")).isEqualTo(LocalDateTime.of(1980, 5, 17, 10, 30));
        assertThat(Hl7Timestamps.dateTime("20261207103000.1234+0100"))
                .isEqualTo(LocalDateTime.of(2026, 12, 7, 10, 30, 0));
        assertThat(Hl7Timestamps.dateTime("202612071030-0500")).isEqualTo(LocalDateTime.of(2026, 12, 7, 10, 30));
        assertThat(Hl7Timestamps.dateTime("20261207235959.5")).isEqualTo(LocalDateTime.of(2026, 12, 7, 23, 59, 59));
        assertThat(Hl7Timestamps.dateTime("20261207000000+1400")).isEqualTo(LocalDateTime.of(2026, 12, 7, 0, 0));
        assertThat(Hl7Timestamps.dateTime("19800517")).isNull();
        assertThat(Hl7Timestamps.dateTime("2026120710")).isNull();
        assertThat(Hl7Timestamps.dateTime("2026")).isNull();
    }

    @Test
    void textThatIsNotADtmIsRefused() {
        for (String value : new String[] {"1980-05-17", "unknown", "2026-12-07T10:00", "198005x", "20261207 1000",
                " 19800517", "19800517 ", "\u0661\u0669\u0668\u0660", "202612071030+01:00", "+0100"}) {
            assertRefused(Hl7Timestamps::date, value, "not an HL7 date/time " + FORMAT);
            assertRefused(Hl7Timestamps::dateTime, value, "not an HL7 date/time " + FORMAT);
        }
    }

    @Test
    void anOddOrExcessiveNumberOfDigitsIsRefused() {
        assertRefused(Hl7Timestamps::date, "1980051",
                "7 digits before any fraction or offset; 4, 6, 8, 10, 12 or 14 expected (" + FORMAT + ")");
        assertRefused(Hl7Timestamps::date, "198",
                "3 digits before any fraction or offset; 4, 6, 8, 10, 12 or 14 expected (" + FORMAT + ")");
        assertRefused(Hl7Timestamps::dateTime, "2026120710300001",
                "16 digits before any fraction or offset; 4, 6, 8, 10, 12 or 14 expected (" + FORMAT + ")");
    }

    @Test
    void aFractionNeedsSecondsAndAtMostFourDigits() {
        assertRefused(Hl7Timestamps::dateTime, "202612071030.5", "a fraction of a second without seconds");
        assertRefused(Hl7Timestamps::date, "2026.5", "a fraction of a second without seconds");
        assertRefused(Hl7Timestamps::dateTime, "20261207103000.12345",
                "more than 4 digits in the fraction of a second");
    }

    @Test
    void theOffsetIsPlusOrMinusHhmmWithinRange() {
        String message = "the time zone offset is not +/-HHMM (HH up to 14, MM up to 59)";
        for (String value : new String[] {"202612071030+1500", "202612071030-0060", "202612071030+100",
                "202612071030+01000"}) {
            assertRefused(Hl7Timestamps::dateTime, value, message);
        }
    }

    @Test
    void eachPartMustBeInRangeEvenWhenNotReturned() {
        assertRefused(Hl7Timestamps::date, "20261307", "month 13 is out of range (01 to 12)");
        assertRefused(Hl7Timestamps::date, "202600", "month 00 is out of range (01 to 12)");
        assertRefused(Hl7Timestamps::date, "20260230", "day 30 does not exist in 2026-02");
        assertRefused(Hl7Timestamps::date, "20250229", "day 29 does not exist in 2025-02");
        assertRefused(Hl7Timestamps::date, "20261200", "day 00 does not exist in 2026-12");
        assertRefused(Hl7Timestamps::date, "2026120725", "hour 25 is out of range (00 to 23)");
        assertRefused(Hl7Timestamps::dateTime, "2026120724", "hour 24 is out of range (00 to 23)");
        assertRefused(Hl7Timestamps::dateTime, "202612071060", "minute 60 is out of range (00 to 59)");
        assertRefused(Hl7Timestamps::dateTime, "20261207103060", "second 60 is out of range (00 to 59)");
    }
}
