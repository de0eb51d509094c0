package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PersonName;

class DisplayNamesTest {

    @Test
    void givenThenFamilyWithATitleInFront() {
        assertThat(DisplayNames.split("Dr. Demo Reader"))
                .isEqualTo(new PersonName("Reader", "Demo", null, "Dr.", null));
        assertThat(DisplayNames.split("Dr House")).isEqualTo(new PersonName("House", null, null, "Dr", null));
        assertThat(DisplayNames.split("Prof. Dr. Anna Maria Schmidt"))
                .isEqualTo(new PersonName("Schmidt", "Anna", "Maria", "Prof. Dr.", null));
    }

    @Test
    void familyFirstWhenACommaSaysSo() {
        assertThat(DisplayNames.split("House, Gregory John"))
                .isEqualTo(new PersonName("House", "Gregory", "John", null, null));
        assertThat(DisplayNames.split("House, Dr Gregory Jr"))
                .isEqualTo(new PersonName("House", "Gregory", null, "Dr", "Jr"));
    }

    @Test
    void suffixesAndDegreesAtTheEndAreTheSuffix() {
        assertThat(DisplayNames.split("Gregory House, MD")).isEqualTo(new PersonName("House", "Gregory", null, null,
                "MD"));
        assertThat(DisplayNames.split("Gregory House Jr PhD")).isEqualTo(new PersonName("House", "Gregory", null,
                null, "Jr PhD"));
    }

    @Test
    void particlesBelongToTheFamilyName() {
        assertThat(DisplayNames.split("Jan van der Berg")).isEqualTo(new PersonName("van der Berg", "Jan", null, null,
                null));
        assertThat(DisplayNames.split("Maria de la Cruz")).isEqualTo(new PersonName("de la Cruz", "Maria", null,
                null, null));
    }

    @Test
    void oneWordIsAFamilyNameAndNothingIsNoName() {
        assertThat(DisplayNames.split("Radiology")).isEqualTo(new PersonName("Radiology", null, null, null, null));
        assertThat(DisplayNames.split("Dr")).isEqualTo(new PersonName("Dr", null, null, null, null));
        assertThat(DisplayNames.split("  ")).isNull();
        assertThat(DisplayNames.split(null)).isNull();
    }
}
