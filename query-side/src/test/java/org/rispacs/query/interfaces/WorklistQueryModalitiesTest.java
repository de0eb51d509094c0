package org.rispacs.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which modalities a worklist query served is counted for (the counting itself: ModalityWorklistScpIT). */
class WorklistQueryModalitiesTest {

    @Test
    void aListOfModalitiesCountsForEach() {
        assertThat(InterfaceHealthProjection.modalitiesAskedFor("MR\\US")).containsExactly("MR", "US");
        assertThat(InterfaceHealthProjection.modalitiesAskedFor(" mr \\MR\\")).containsExactly("MR");
    }

    @Test
    void noModalityOrAWildcardIsAny() {
        assertThat(InterfaceHealthProjection.modalitiesAskedFor(null)).containsExactly("*");
        assertThat(InterfaceHealthProjection.modalitiesAskedFor("")).containsExactly("*");
        assertThat(InterfaceHealthProjection.modalitiesAskedFor("MR\\*")).containsExactly("*");
    }
}
