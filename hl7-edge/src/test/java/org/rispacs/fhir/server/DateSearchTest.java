package org.rispacs.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.rispacs.api.fhir.DateCondition;

class DateSearchTest {

    @Test
    void aValueStandsForTheWholeDayMonthOrYearItNames() {
        assertThat(condition("1960-03-04")).isEqualTo(range("1960-03-04", "1960-03-05"));
        assertThat(condition("1960-03")).isEqualTo(range("1960-03-01", "1960-04-01"));
        assertThat(condition("1960")).isEqualTo(range("1960-01-01", "1961-01-01"));
        assertThat(condition("ap1960-03-04")).isEqualTo(range("1960-03-04", "1960-03-05"));
    }

    @Test
    void prefixesCompareWithTheRangesEnds() {
        assertThat(condition("ne1960")).isEqualTo(new DateCondition(date("1960-01-01"), date("1961-01-01"), true));
        assertThat(condition("gt1960")).isEqualTo(range("1961-01-01", null));
        assertThat(condition("sa1960")).isEqualTo(range("1961-01-01", null));
        assertThat(condition("ge1960-03")).isEqualTo(range("1960-03-01", null));
        assertThat(condition("lt1960-03-04")).isEqualTo(range(null, "1960-03-04"));
        assertThat(condition("eb1960-03-04")).isEqualTo(range(null, "1960-03-04"));
        assertThat(condition("le1960-03")).isEqualTo(range(null, "1960-04-01"));
    }

    @Test
    void repeatedParametersAllHoldAndAlternativesAreRefused() {
        DateAndListParam between = new DateAndListParam()
                .addAnd(new DateOrListParam().addOr(new DateParam("ge1960")))
                .addAnd(new DateOrListParam().addOr(new DateParam("lt1970")));
        assertThat(DateSearch.conditions("birthdate", between))
                .containsExactly(range("1960-01-01", null), range(null, "1970-01-01"));
        DateAndListParam either = new DateAndListParam()
                .addAnd(new DateOrListParam().addOr(new DateParam("1960")).addOr(new DateParam("1970")));
        assertThatThrownBy(() -> DateSearch.conditions("birthdate", either))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(DateSearch.conditions("birthdate", null)).isEmpty();
    }

    @Test
    void aTimeOrTheMissingModifierIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> DateSearch.condition("started", new DateParam("gt2026-12-01T10:00:00Z")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("started")
                .hasMessageContaining("only a year, month or day");
        DateParam missing = new DateParam();
        missing.setMissing(true);
        assertThatThrownBy(() -> DateSearch.condition("started", missing)).isInstanceOf(InvalidRequestException.class);
    }

    private static DateCondition condition(String value) {
        return DateSearch.condition("birthdate", new DateParam(value));
    }

    private static DateCondition range(String from, String until) {
        return new DateCondition(date(from), date(until), false);
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }
}
