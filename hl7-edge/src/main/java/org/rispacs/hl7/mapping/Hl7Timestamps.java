package org.rispacs.hl7.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 DTM / DT values (YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]) as local dates and times.
 * Anything else is refused rather than guessed at: a date read from the wrong digits would be
 * stored as if the sender had meant it.
 */
final class Hl7Timestamps {

    private static final Pattern DTM = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(?:[+-]([0-9]+))?");
    private static final String FORMAT = "YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]";

    private Hl7Timestamps() {
    }

    /** The date of a DT or DTM value when it names a whole day; null when blank or less precise. */
    static LocalDate date(String value) {
        Parts parts = parse(value);
        return parts == null || parts.digits() < 8 ? null : LocalDate.of(parts.year(), parts.month(), parts.day());
    }

    /**
     * The local date and time of a DTM value with at least minutes; the zone offset, if any, is
     * dropped because schedules are kept in the site's local time. Null when blank or less precise.
     */
    static LocalDateTime dateTime(String value) {
        Parts parts = parse(value);
        return parts == null || parts.digits() < 12 ? null : LocalDateTime.of(parts.year(), parts.month(),
                parts.day(), parts.hour(), parts.minute(), parts.second());
    }

    private static Parts parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher matcher = DTM.matcher(value);
        if (!matcher.matches()) {
            throw new DateTimeException("not an HL7 date/time " + FORMAT);
        }
        String digits = matcher.group(1);
        int length = digits.length();
        if (length < 4 || length > 14 || length % 2 != 0) {
            throw new DateTimeException(length + " digits before any fraction or offset; 4, 6, 8, 10, 12 or 14"
                    + " expected (" + FORMAT + ")");
        }
        String fraction = matcher.group(2);
        if (fraction != null && length < 14) {
            throw new DateTimeException("a fraction of a second without seconds");
        }
        if (fraction != null && fraction.length() > 4) {
            throw new DateTimeException("more than 4 digits in the fraction of a second");
        }
        String offset = matcher.group(3);
        if (offset != null && (offset.length() != 4 || number(offset, 0) > 14 || number(offset, 2) > 59)) {
            throw new DateTimeException("the time zone offset is not +/-HHMM (HH up to 14, MM up to 59)");
        }
        int year = number(digits, 0) * 100 + number(digits, 2);
        int month = length >= 6 ? inRange("month", number(digits, 4), 1, 12) : 1;
        int day = 1;
        if (length >= 8) {
            day = number(digits, 6);
            if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
                throw new DateTimeException("day " + digits.substring(6, 8) + " does not exist in "
                        + digits.substring(0, 4) + "-" + digits.substring(4, 6));
            }
        }
        int hour = length >= 10 ? inRange("hour", number(digits, 8), 0, 23) : 0;
        int minute = length >= 12 ? inRange("minute", number(digits, 10), 0, 59) : 0;
        int second = length >= 14 ? inRange("second", number(digits, 12), 0, 59) : 0;
        return new Parts(length, year, month, day, hour, minute, second);
    }

    private static int number(String digits, int from) {
        return Integer.parseInt(digits, from, from + 2, 10);
    }

    private static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new DateTimeException(String.format(Locale.ROOT, "%s %02d is out of range (%02d to %02d)", name,
                    value, min, max));
        }
        return value;
    }

    private record Parts(int digits, int year, int month, int day, int hour, int minute, int second) {
    }
}
