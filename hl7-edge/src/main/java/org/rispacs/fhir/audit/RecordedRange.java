package org.rispacs.fhir.audit;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A {@code date} search of AuditEvents as one range of recording instants, {@code [from, until)},
 * either end open when null. Each value stands for the whole span it names (a year, month, day,
 * minute, second or millisecond: FHIR's implicit range), in UTC when it names no offset; its prefix
 * compares with that span (eq and ap: within; gt and sa: after; ge; lt and eb: before; le).
 * Repeated parameters must all hold, so they narrow the range; {@code ne} and alternatives (a comma)
 * are not supported, since they would not be one range.
 */
record RecordedRange(Instant from, Instant until) {

    static final RecordedRange ANY = new RecordedRange(null, null);

    static RecordedRange of(DateAndListParam dates) {
        RecordedRange range = ANY;
        if (dates == null) {
            return range;
        }
        for (DateOrListParam alternatives : dates.getValuesAsQueryTokens()) {
            if (alternatives.getValuesAsQueryTokens().size() != 1) {
                throw new InvalidRequestException("date: alternative values (a comma) are not supported");
            }
            range = range.and(condition(alternatives.getValuesAsQueryTokens().get(0)));
        }
        return range;
    }

    /** Whether no instant can be in the range. */
    boolean empty() {
        return from != null && until != null && !from.isBefore(until);
    }

    private RecordedRange and(RecordedRange other) {
        Instant start = from == null ? other.from : other.from == null || from.isAfter(other.from) ? from : other.from;
        Instant end = until == null ? other.until
                : other.until == null || until.isBefore(other.until) ? until : other.until;
        return new RecordedRange(start, end);
    }

    static RecordedRange condition(DateParam param) {
        if (param.getMissing() != null) {
            throw new InvalidRequestException("date: the :missing modifier is not supported");
        }
        String value = param.getValueAsString();
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("date: a date is needed");
        }
        Instant start;
        Instant end;
        try {
            Span span = span(value.strip());
            start = span.start();
            end = span.end();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidRequestException("date: not a date or date-time: " + value);
        }
        ParamPrefixEnum prefix = param.getPrefix() == null ? ParamPrefixEnum.EQUAL : param.getPrefix();
        return switch (prefix) {
            case EQUAL, APPROXIMATE -> new RecordedRange(start, end);
            case GREATERTHAN, STARTS_AFTER -> new RecordedRange(end, null);
            case GREATERTHAN_OR_EQUALS -> new RecordedRange(start, null);
            case LESSTHAN, ENDS_BEFORE -> new RecordedRange(null, start);
            case LESSTHAN_OR_EQUALS -> new RecordedRange(null, end);
            case NOT_EQUAL -> throw new InvalidRequestException("date: the ne prefix is not supported");
        };
    }

    private record Span(Instant start, Instant end) {
    }

    private static Span span(String value) {
        if (value.matches("\\d{4}")) {
            Instant start = LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new Span(start, start.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        }
        if (value.matches("\\d{4}-\\d{2}")) {
            YearMonth month = YearMonth.parse(value);
            return new Span(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            Instant start = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new Span(start, start.plus(1, ChronoUnit.DAYS));
        }
        boolean offset = value.endsWith("Z") || value.matches(".*T.*[+-]\\d{2}:\\d{2}");
        Instant start = offset ? OffsetDateTime.parse(value).toInstant()
                : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        String time = value.substring(value.indexOf('T') + 1);
        ChronoUnit precision = time.contains(".") ? ChronoUnit.MILLIS
                : time.matches("\\d{2}:\\d{2}(Z|[+-].*)?") ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
        return new Span(start, start.plus(1, precision));
    }
}
