package org.rispacs.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessionNumbersTest {

    @Test
    void trimsDicomPaddingAndFoldsCase() {
        assertThat(AccessionNumbers.normalise(" acc123 ")).contains("ACC123");
    }

    @Test
    void foldsFullWidthAndDecomposedFormsIntoTheirPlainLetters() {
        assertThat(AccessionNumbers.normalise("\uff32\uff29\uff33\uff10\uff10\uff17 ")).contains("RIS007");
        assertThat(AccessionNumbers.normalise("e\u0301cho-1")).contains("\u00c9CHO-1");
        assertThat(AccessionNumbers.normalise("\u00e9cho-1")).contains("\u00c9CHO-1");
        assertThat(AccessionNumbers.normalise("\u3000acc9\u3000")).as("ideographic spaces pad too").contains("ACC9");
    }

    @Test
    void blankOrAbsentIsNoAccession() {
        assertThat(AccessionNumbers.normalise(null)).isEmpty();
        assertThat(AccessionNumbers.normalise("   ")).isEmpty();
    }

    @Test
    void refusesValuesThatAreNotDicomShortStrings() {
        assertThatThrownBy(() -> AccessionNumbers.normalise("12345678901234567"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 16");
        assertThatThrownBy(() -> AccessionNumbers.normalise("A\\B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> AccessionNumbers.normalise("A\tB"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixteenCharactersIsTheLimitNotAnError() {
        assertThat(AccessionNumbers.normalise("1234567890123456")).contains("1234567890123456");
    }
}
