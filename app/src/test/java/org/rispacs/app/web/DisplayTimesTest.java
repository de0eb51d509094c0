package org.rispacs.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DisplayTimesTest {

    private final DisplayTimes berlin = new DisplayTimes("Europe/Berlin");

    @Test
    void instantsAndOffsetsAreShownInTheDepartmentsZoneWithTheZoneWrittenOut() {
        assertThat(berlin.format(Instant.parse("2026-12-07T10:21:05.123456789Z")))
                .isEqualTo("2026-12-07 11:21:05 CET");
        assertThat(berlin.format(OffsetDateTime.of(2026, 7, 1, 8, 0, 0, 0, ZoneOffset.ofHours(-4))))
                .isEqualTo("2026-07-01 14:00:00 CEST");
        assertThat(berlin.format("2026-12-07T10:21:05.5Z")).isEqualTo("2026-12-07 11:21:05 CET");
    }

    @Test
    void localTimesAreAlreadyTheDepartmentsAndDatesStayDates() {
        assertThat(berlin.format(LocalDateTime.of(2026, 12, 7, 9, 30))).isEqualTo("2026-12-07 09:30:00 CET");
        assertThat(berlin.format("2026-12-07T09:30")).isEqualTo("2026-12-07 09:30:00 CET");
        assertThat(berlin.format(LocalDate.of(2026, 12, 7))).isEqualTo("2026-12-07");
    }

    @Test
    void nothingIsEmptyAndTextThatIsNoTimeIsShownAsItIs() {
        assertThat(berlin.format(null)).isEmpty();
        assertThat(berlin.format("not a time")).isEqualTo("not a time");
    }
}
