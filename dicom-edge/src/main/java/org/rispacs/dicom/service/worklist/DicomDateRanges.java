package org.rispacs.dicom.service.worklist;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * DICOM date (DA) and time (TM) range matching (PS3.4 C.2.2.2.5) turned into a date-time range:
 * {@code D}, {@code D1-D2}, {@code -D2}, {@code D1-}; times likewise. A time range given with a
 * date range bounds the first and the last day (combined date-time matching).
 */
final class DicomDateRanges {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    record Range(LocalDateTime from, LocalDateTime to) {
    }

    private DicomDateRanges() {
    }

    static Range of(String date, String time) {
        if (blank(date)) {
            return new Range(null, null);
        }
        String[] dates = bounds(date);
        String[] times = blank(time) ? new String[] {null, null} : bounds(time);
        LocalDateTime from = dates[0] == null ? null
                : LocalDate.parse(dates[0], DA).atTime(times[0] == null ? LocalTime.MIN : time(times[0], false));
        LocalDateTime to = dates[1] == null ? null
                : LocalDate.parse(dates[1], DA).atTime(times[1] == null ? LocalTime.MAX : time(times[1], true));
        return new Range(from, to);
    }

    private static String[] bounds(String value) {
        String range = value.strip();
        int dash = range.indexOf('-');
        if (dash < 0) {
            return new String[] {range, range};
        }
        String low = range.substring(0, dash).strip();
        String high = range.substring(dash + 1).strip();
        return new String[] {low.isEmpty() ? null : low, high.isEmpty() ? null : high};
    }

    /** TM is HH, HHMM, HHMMSS or HHMMSS.FFFFFF; an upper bound covers the whole unit it names. */
    private static LocalTime time(String value, boolean upper) {
        String digits = value.replace(":", "");
        try {
            int hour = Integer.parseInt(digits.substring(0, 2));
            if (digits.length() == 2) {
                return upper ? LocalTime.of(hour, 59, 59, 999_999_999) : LocalTime.of(hour, 0);
            }
            int minute = Integer.parseInt(digits.substring(2, 4));
            if (digits.length() == 4) {
                return upper ? LocalTime.of(hour, minute, 59, 999_999_999) : LocalTime.of(hour, minute);
            }
            int second = Integer.parseInt(digits.substring(4, 6));
            return upper ? LocalTime.of(hour, minute, second, 999_999_999) : LocalTime.of(hour, minute, second);
        } catch (RuntimeException e) {
            throw new DateTimeParseException("not a DICOM time: " + value, value, 0);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
