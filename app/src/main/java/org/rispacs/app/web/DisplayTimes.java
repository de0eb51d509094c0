package org.rispacs.app.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.rispacs.api.common.DepartmentZone;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every time a page shows, in one format and in the department's time zone ({@code ris.time-zone},
 * the machine's zone when unset), with the zone written out. Instants are converted; local date-times
 * (a scheduled start, as HL7 and DICOM carry it) already are the department's. REST answers keep ISO.
 * Pages call it as {@code ${@displayTimes.format(value)}}.
 */
@Component
public class DisplayTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz",
            Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private final ZoneId zone;

    public DisplayTimes(@Value("${ris.time-zone:}") String zone) {
        this.zone = DepartmentZone.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The value as the department reads it; {@code ""} for nothing, the value itself if it is not a time. */
    public String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        ZonedDateTime inZone = null;
        if (value instanceof Instant instant) {
            inZone = instant.atZone(zone);
        } else if (value instanceof OffsetDateTime offset) {
            inZone = offset.atZoneSameInstant(zone);
        } else if (value instanceof ZonedDateTime zoned) {
            inZone = zoned.withZoneSameInstant(zone);
        } else if (value instanceof LocalDateTime local) {
            inZone = local.atZone(zone);
        } else if (value instanceof CharSequence text) {
            inZone = parse(text.toString());
        }
        return inZone == null ? value.toString() : FORMAT.format(inZone);
    }

    private ZonedDateTime parse(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.withZoneSameInstant(zone)
                    : ((LocalDateTime) parsed).atZone(zone);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
