package org.rispacs.api.common;

import java.time.LocalDate;

/** What identifies a patient to a person: name, birth date, administrative sex (M, F, O, U). */
public record Demographics(
        PersonName name,
        LocalDate birthDate,
        String sex) {
}
