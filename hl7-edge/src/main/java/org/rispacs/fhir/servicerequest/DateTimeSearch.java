package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.api.fhir.TimeCondition;

/**
 * A {@code date} search on a point in time ({@code authored}, {@code occurrence}) as conditions on
 * that instant: the value stands for the whole year, month, day, minute or second it names (FHIR's
 * implicit range; a value without a time zone is in the department's, {@code ris.time-zone}), compared
 * by its prefix (eq, ne, gt, lt, ge, le, sa, eb; ap as eq). Repeated parameters must all hold;
 * alternatives are not supported.
 */
final class DateTimeSearch {

    private final ZoneId zone;

    DateTimeSearch(ZoneId zone) {
        this.zone = zone;
    }

    List<TimeCondition> conditions(String name, DateAndListParam dates) {
        List<TimeCondition> conditions = new ArrayList<>();
        if (dates == null) {
            return conditions;
        }
        for (DateOrListParam alternatives : dates.getValuesAsQueryTokens()) {
            if (alternatives.getValuesAsQueryTokens().size() != 1) {
                throw new InvalidRequestException(name + ": alternative values (a comma) are not supported");
            }
            conditions.add(condition(name, alternatives.getValuesAsQueryTokens().get(0)));
        }
        return conditions;
    }

    TimeCondition condition(String name, DateParam param) {
        if (param.getMissing() != null) {
            throw new InvalidRequestException(name + ": the :missing modifier is not supported");
        }
        String value = param.getValueAsString();
        if (value == null || value.isBlank() || param.getValue() == null) {
            throw new InvalidRequestException(name + ": a date is needed");
        }
        TemporalPrecisionEnum precision = param.getPrecision() == null ? TemporalPrecisionEnum.DAY
                : param.getPrecision();
        Instant start;
        Instant end;
        try {
            switch (precision) {
                case YEAR -> {
                    LocalDate year = LocalDate.of(Integer.parseInt(value.substring(0, 4)), 1, 1);
                    start = year.atStartOfDay(zone).toInstant();
                    end = year.plusYears(1).atStartOfDay(zone).toInstant();
                }
                case MONTH -> {
                    LocalDate month = LocalDate.parse(value.substring(0, 7) + "-01");
                    start = month.atStartOfDay(zone).toInstant();
                    end = month.plusMonths(1).atStartOfDay(zone).toInstant();
                }
                case DAY -> {
                    LocalDate day = LocalDate.parse(value.substring(0, 10));
                    start = day.atStartOfDay(zone).toInstant();
                    end = day.plusDays(1).atStartOfDay(zone).toInstant();
                }
                case MINUTE -> {
                    start = instant(param, value).truncatedTo(ChronoUnit.MINUTES);
                    end = start.plus(1, ChronoUnit.MINUTES);
                }
                case SECOND -> {
                    start = instant(param, value).truncatedTo(ChronoUnit.SECONDS);
                    end = start.plus(1, ChronoUnit.SECONDS);
                }
                default -> {
                    start = instant(param, value);
                    end = start.plus(1, ChronoUnit.MILLIS);
                }
            }
        } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException(name + ": not a date: " + value);
        }
        ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
        return switch (prefix) {
            case EQUAL, APPROXIMATE -> new TimeCondition(start, end, false);
            case NOT_EQUAL -> new TimeCondition(start, end, true);
            case GREATERTHAN, STARTS_AFTER -> new TimeCondition(end, null, false);
            case GREATERTHAN_OR_EQUALS -> new TimeCondition(start, null, false);
            case LESSTHAN, ENDS_BEFORE -> new TimeCondition(null, start, false);
            case LESSTHAN_OR_EQUALS -> new TimeCondition(null, end, false);
        };
    }

    /** A date-time with its offset as it says; one without, in the department's zone (HAPI would take the JVM's). */
    private Instant instant(DateParam param, String value) {
        String time = value.substring(10);
        if (time.endsWith("Z") || time.contains("+") || time.contains("-")) {
            return param.getValue().toInstant();
        }
        return LocalDateTime.parse(value).atZone(zone).toInstant();
    }
}
