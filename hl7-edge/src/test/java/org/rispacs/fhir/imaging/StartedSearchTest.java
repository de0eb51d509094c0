package org.rispacs.fhir.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.rispacs.api.fhir.DateCondition;

class StartedSearchTest {

    @Test
    void aDayMonthOrYearIsItsWholeRangeComparedByThePrefix() {
        assertThat(StartedSearch.condition(new DateParam("2026-12-01")))
                .isEqualTo(new DateCondition(day(2026, 12, 1), day(2026, 12, 2), false));
        assertThat(StartedSearch.condition(new DateParam("2026-12")))
                .isEqualTo(new DateCondition(day(2026, 12, 1), day(2027, 1, 1), false));
        assertThat(StartedSearch.condition(new DateParam("ge2026")))
                .isEqualTo(new DateCondition(day(2026, 1, 1), null, false));
        assertThat(StartedSearch.condition(new DateParam("gt2026-11")))
                .isEqualTo(new DateCondition(day(2026, 12, 1), null, false));
        assertThat(StartedSearch.condition(new DateParam("lt2026-11-05")))
                .isEqualTo(new DateCondition(null, day(2026, 11, 5), false));
        assertThat(StartedSearch.condition(new DateParam("le2026-11-05")))
                .isEqualTo(new DateCondition(null, day(2026, 11, 6), false));
        assertThat(StartedSearch.condition(new DateParam("ne2026-11-05")))
                .isEqualTo(new DateCondition(day(2026, 11, 5), day(2026, 11, 6), true));
    }

    @Test
    void aTimeAlternativesOrMissingAreRefused() {
        assertThatThrownBy(() -> StartedSearch.condition(new DateParam("gt2026-12-01T10:00:00Z")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("only a year, month or day");
        DateAndListParam alternatives = new DateAndListParam().addAnd(new DateOrListParam()
                .addOr(new DateParam("2026")).addOr(new DateParam("2025")));
        assertThatThrownBy(() -> StartedSearch.conditions(alternatives)).isInstanceOf(InvalidRequestException.class);
        DateParam missing = new DateParam();
        missing.setMissing(true);
        assertThatThrownBy(() -> StartedSearch.condition(missing)).isInstanceOf(InvalidRequestException.class);
        assertThat(StartedSearch.conditions(null)).isEmpty();
    }

    private static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }
}
