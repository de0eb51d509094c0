package org.rispacs.query.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names as people type them become the DICOM forms the read model holds (matched in ES: SchedulingPagesIT). */
class WorklistMatchingTest {

    @Test
    void aDicomNameIsReadAsWritten() {
        assertThat(WorklistMatching.personNameAlternatives("Müller^Hans^^")).containsExactly("MULLER^HANS");
        assertThat(WorklistMatching.personNameAlternatives("MULLER")).containsExactly("MULLER");
    }

    @Test
    void familyAndGivenNameSeparatedBySpaceOrComma() {
        assertThat(WorklistMatching.personNameAlternatives("Andersen Anna"))
                .contains("ANDERSEN^ANNA", "ANNA^ANDERSEN");
        assertThat(WorklistMatching.personNameAlternatives("Andersen,  Anna*")).contains("ANDERSEN^ANNA*");
        assertThat(WorklistMatching.personNameAlternatives("Andersen,")).contains("ANDERSEN");
    }

    @Test
    void aSingleWordWithAWildcardIsAlsoTheStartOfTheGivenName() {
        assertThat(WorklistMatching.personNameAlternatives("anna*")).containsExactly("ANNA*", "*^ANNA*");
        assertThat(WorklistMatching.personNameAlternatives("Doe^J*\\Anna Andersen"))
                .contains("DOE^J*", "ANDERSEN^ANNA");
    }
}
