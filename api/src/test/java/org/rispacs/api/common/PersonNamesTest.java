package org.rispacs.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNamesTest {

    @Test
    void writesDicomPersonNamesWithoutTrailingEmptyComponents() {
        assertThat(PersonNames.toDicom(new PersonName("Doe", "Jane", null, null, null))).isEqualTo("Doe^Jane");
        assertThat(PersonNames.toDicom(new PersonName("Doe", null, null, "Dr", null))).isEqualTo("Doe^^^Dr");
        assertThat(PersonNames.toDicom(null)).isNull();
    }

    @Test
    void aSeparatorInsideAComponentCannotSplitTheDicomName() {
        assertThat(PersonNames.toDicom(new PersonName("O^Neil", "Ann=Marie", null, null, "Jr\\II")))
                .isEqualTo("O Neil^Ann Marie^^^Jr II");
    }

    @Test
    void matchingIgnoresCaseAndAccentsButKeepsOtherScripts() {
        assertThat(PersonNames.normalise(" Müller^José ")).isEqualTo("MULLER^JOSE");
        assertThat(PersonNames.normalise("Ångström")).isEqualTo("ANGSTROM");
        assertThat(PersonNames.normalise("山田^太郎")).isEqualTo("山田^太郎");
        assertThat(PersonNames.normalise("Διονυσιος")).isEqualTo("ΔΙΟΝΥΣΙΟΣ");
        assertThat(PersonNames.normalise("홍^길동")).isEqualTo("홍^길동");
    }
}
