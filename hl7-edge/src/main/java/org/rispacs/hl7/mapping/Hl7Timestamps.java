package org.rispacs.hl7.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** HL7 DTM / DT values (YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]) as local dates and times. */
final class Hl7Timestamps {

    private Hl7Timestamps() {
    }

    /** The date of a DT or DTM value when it names a whole day; null when blank or less precise. */
    static LocalDate date(String value) {
        String digits = leadingDigits(value);
        if (digits.length() < 8) {
            return null;
        }
        return LocalDate.of(number(digits, 0, 4), number(digits, 4, 6), number(digits, 6, 8));
    }

    /**
     * The local date and time of a DTM value with at least minutes; the zone offset, if any, is
     * dropped because schedules are kept in the site's local time. Null when blank or less precise.
     */
    static LocalDateTime dateTime(String value) {
        String digits = leadingDigits(value);
        if (digits.length() < 12) {
            return null;
        }
        int seconds = digits.length() >= 14 ? number(digits, 12, 14) : 0;
        return LocalDateTime.of(number(digits, 0, 4), number(digits, 4, 6), number(digits, 6, 8),
                number(digits, 8, 10), number(digits, 10, 12), seconds);
    }

    private static String leadingDigits(String value) {
        if (value == null) {
            return "";
        }
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end);
    }

    private static int number(String digits, int from, int to) {
        try {
            return Integer.parseInt(digits.substring(from, to));
        } catch (NumberFormatException e) {
            throw new DateTimeException("not a number: " + digits.substring(from, to));
        }
    }
}
