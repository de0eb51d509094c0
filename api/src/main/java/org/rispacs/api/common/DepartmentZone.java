package org.rispacs.api.common;

import java.time.ZoneId;

/** The department's time zone as configured ({@code ris.time-zone}): the machine's when the setting is empty. */
public final class DepartmentZone {

    private DepartmentZone() {
    }

    public static ZoneId of(String configured) {
        return configured == null || configured.isBlank() ? ZoneId.systemDefault() : ZoneId.of(configured.strip());
    }
}
