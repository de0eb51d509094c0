package org.rispacs.fhir.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.rispacs.api.fhir.TimeCondition;

class DateTimeSearchTest {

    private final DateTimeSearch search = new DateTimeSearch(ZoneId.of("Europe/Vienna"));

    @Test
    void aDateStandsForItsWholeDayYearOrMonthInTheServersZone() {
        assertThat(condition("2027-03-04")).isEqualTo(new TimeCondition(Instant.parse("2027-03-03T23:00:00Z"),
                Instant.parse("2027-03-04T23:00:00Z"), false));
        assertThat(condition("2027")).isEqualTo(new TimeCondition(Instant.parse("2026-12-31T23:00:00Z"),
                Instant.parse("2027-12-31T23:00:00Z"), false));
        assertThat(condition("2027-07")).isEqualTo(new TimeCondition(Instant.parse("2027-06-30T22:00:00Z"),
                Instant.parse("2027-07-31T22:00:00Z"), false));
    }

    @Test
    void aDateTimeWithItsZoneStandsForItsSecondAndPrefixesOpenTheRange() {
        Instant second = Instant.parse("2027-03-04T08:30:15Z");
        assertThat(condition("2027-03-04T09:30:15+01:00"))
                .isEqualTo(new TimeCondition(second, second.plusSeconds(1), false));
        assertThat(condition("ge2027-03-04T09:30:15+01:00")).isEqualTo(new TimeCondition(second, null, false));
        assertThat(condition("gt2027-03-04T09:30:15+01:00"))
                .isEqualTo(new TimeCondition(second.plusSeconds(1), null, false));
        assertThat(condition("lt2027-03-04T09:30:15+01:00")).isEqualTo(new TimeCondition(null, second, false));
        assertThat(condition("le2027-03-04T09:30:15+01:00"))
                .isEqualTo(new TimeCondition(null, second.plusSeconds(1), false));
        assertThat(condition("ne2027-03-04T09:30:15+01:00"))
                .isEqualTo(new TimeCondition(second, second.plusSeconds(1), true));
    }

    @Test
    void aDateTimeWithoutItsZoneIsInTheDepartmentsNotTheMachines() {
        ZoneId elsewhere = ZoneId.of(ZoneId.systemDefault().getId().equals("Pacific/Kiritimati")
                ? "Pacific/Pago_Pago" : "Pacific/Kiritimati");
        DateTimeSearch department = new DateTimeSearch(elsewhere);
        Instant second = LocalDateTime.of(2027, 3, 4, 9, 30, 15).atZone(elsewhere).toInstant();
        assertThat(department.condition("occurrence", new DateParam("ge2027-03-04T09:30:15")))
                .isEqualTo(new TimeCondition(second, null, false));
        assertThat(department.condition("occurrence", new DateParam("2027-03-04T09:30")))
                .isEqualTo(new TimeCondition(second.minusSeconds(15), second.plusSeconds(45), false));
        assertThat(department.condition("occurrence", new DateParam("2027-03-04T09:30:15Z")))
                .as("a value with its zone keeps it")
                .isEqualTo(new TimeCondition(Instant.parse("2027-03-04T09:30:15Z"),
                        Instant.parse("2027-03-04T09:30:16Z"), false));
    }

    @Test
    void alternativesAreRefused() {
        DateAndListParam alternatives = new DateAndListParam().addAnd(new DateOrListParam()
                .addOr(new DateParam("2027")).addOr(new DateParam("2028")));
        assertThatThrownBy(() -> search.conditions("authored", alternatives))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("authored");
        assertThat(search.conditions("authored", null)).isEmpty();
    }

    private TimeCondition condition(String value) {
        return search.condition("authored", new DateParam(value));
    }
}
