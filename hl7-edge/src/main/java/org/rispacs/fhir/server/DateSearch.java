package org.rispacs.fhir.server;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.api.fhir.DateCondition;

/**
 * A date search parameter on a date without a time (a birth date, a study date) as conditions:
 * the value stands for the whole year, month or day it names, compared by its prefix (eq, ne, gt,
 * lt, ge, le, sa, eb; ap as eq). Repeated parameters must all hold. A value with a time is
 * refused: treating {@code gt2026-12-01T10:00} as a day would answer what it excludes.
 */
public final class DateSearch {

    private DateSearch() {
    }

    public static List<DateCondition> conditions(String name, DateAndListParam values) {
        List<DateCondition> conditions = new ArrayList<>();
        if (values == null) {
            return conditions;
        }
        for (DateOrListParam alternatives : values.getValuesAsQueryTokens()) {
            if (alternatives.getValuesAsQueryTokens().size() != 1) {
                throw new InvalidRequestException(name + ": alternative values (a comma) are not supported");
            }
            conditions.add(condition(name, alternatives.getValuesAsQueryTokens().get(0)));
        }
        return conditions;
    }

    static DateCondition condition(String name, DateParam param) {
        if (param.getMissing() != null) {
            throw new InvalidRequestException(name + ": the :missing modifier is not supported");
        }
        String value = param.getValueAsString();
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name + ": a date is needed");
        }
        TemporalPrecisionEnum precision = param.getPrecision() == null ? TemporalPrecisionEnum.DAY
                : param.getPrecision();
        LocalDate start;
        LocalDate end;
        try {
            switch (precision) {
                case YEAR -> {
                    start = LocalDate.of(Integer.parseInt(value.substring(0, 4)), 1, 1);
                    end = start.plusYears(1);
                }
                case MONTH -> {
                    start = LocalDate.parse(value.substring(0, 7) + "-01");
                    end = start.plusMonths(1);
                }
                case DAY -> {
                    start = LocalDate.parse(value.substring(0, 10));
                    end = start.plusDays(1);
                }
                default -> throw new InvalidRequestException(name + ": only a year, month or day is supported, not "
                        + value + " (a date without a time is matched)");
            }
        } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException(name + ": not a date: " + value);
        }
        ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
        return switch (prefix) {
            case EQUAL, APPROXIMATE -> new DateCondition(start, end, false);
            case NOT_EQUAL -> new DateCondition(start, end, true);
            case GREATERTHAN, STARTS_AFTER -> new DateCondition(end, null, false);
            case GREATERTHAN_OR_EQUALS -> new DateCondition(start, null, false);
            case LESSTHAN, ENDS_BEFORE -> new DateCondition(null, start, false);
            case LESSTHAN_OR_EQUALS -> new DateCondition(null, end, false);
        };
    }
}
