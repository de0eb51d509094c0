package org.rispacs.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedRangeTest {

    @Test
    void aValueStandsForTheWholeSpanItNamesInUtcUnlessItNamesAnOffset() {
        assertThat(condition("2026")).isEqualTo(range("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertThat(condition("2026-02")).isEqualTo(range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(condition("2026-12-07")).isEqualTo(range("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"));
        assertThat(condition("2026-12-07T10:15:30Z"))
                .isEqualTo(range("2026-12-07T10:15:30Z", "2026-12-07T10:15:31Z"));
        assertThat(condition("2026-12-07T10:15:30+01:00"))
                .isEqualTo(range("2026-12-07T09:15:30Z", "2026-12-07T09:15:31Z"));
        assertThat(condition("2026-12-07T10:15:30.250Z"))
                .isEqualTo(range("2026-12-07T10:15:30.250Z", "2026-12-07T10:15:30.251Z"));
        assertThat(condition("ap2026-12-07")).isEqualTo(range("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"));
    }

    @Test
    void prefixesCompareWithTheSpansEnds() {
        assertThat(condition("gt2026-12-07")).isEqualTo(range("2026-12-08T00:00:00Z", null));
        assertThat(condition("sa2026-12-07")).isEqualTo(range("2026-12-08T00:00:00Z", null));
        assertThat(condition("ge2026-12-07")).isEqualTo(range("2026-12-07T00:00:00Z", null));
        assertThat(condition("lt2026-12-07")).isEqualTo(range(null, "2026-12-07T00:00:00Z"));
        assertThat(condition("eb2026-12-07")).isEqualTo(range(null, "2026-12-07T00:00:00Z"));
        assertThat(condition("le2026-12-07")).isEqualTo(range(null, "2026-12-08T00:00:00Z"));
        assertThat(condition("ge2026-12-07T10:15:30Z")).isEqualTo(range("2026-12-07T10:15:30Z", null));
        assertThatThrownBy(() -> condition("ne2026")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void repeatedParametersNarrowTheRangeAndAlternativesAreRefused() {
        assertThat(RecordedRange.of(and("ge2026-12-01", "lt2026-12-08", "ge2026-12-03")))
                .isEqualTo(range("2026-12-03T00:00:00Z", "2026-12-08T00:00:00Z"));
        assertThat(RecordedRange.of(and("ge2026-12-08", "lt2026-12-08")).empty()).isTrue();
        assertThat(RecordedRange.of(and("ge2026-12-07", "lt2026-12-08")).empty()).isFalse();
        assertThat(RecordedRange.of(null)).isEqualTo(RecordedRange.ANY);
        DateAndListParam either = new DateAndListParam()
                .addAnd(new DateOrListParam().addOr(new DateParam("2025")).addOr(new DateParam("2026")));
        assertThatThrownBy(() -> RecordedRange.of(either)).isInstanceOf(InvalidRequestException.class);
    }

    private static DateAndListParam and(String... values) {
        DateAndListParam all = new DateAndListParam();
        for (String value : values) {
            all.addAnd(new DateOrListParam().addOr(new DateParam(value)));
        }
        return all;
    }

    private static RecordedRange condition(String value) {
        return RecordedRange.condition(new DateParam(value));
    }

    private static RecordedRange range(String from, String until) {
        return new RecordedRange(from == null ? null : Instant.parse(from),
                until == null ? null : Instant.parse(until));
    }
}
