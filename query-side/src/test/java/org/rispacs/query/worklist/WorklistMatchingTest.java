package org.rispacs.query.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rispacs.api.worklist.WorklistCriteria;

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

    @Test
    void everyValueOfAListIsAnAlternative() {
        String query = WorklistMatching.query(new WorklistCriteria(null, "P1\\P2", null, "acc1\\ACC2", "MR\\us",
                "MR1\\US1", null, null, null, "RP1\\RP2", null)).toString();
        for (String term : List.of("P1", "P2", "ACC1", "ACC2", "MR", "US", "MR1", "US1", "RP1", "RP2")) {
            assertThat(query).contains("\"" + term + "\"");
        }
    }

    @Test
    void aNamedScheduledPerformingPhysicianIsMatchedAsANameIs() {
        String query = WorklistMatching.query(new WorklistCriteria(null, null, null, null, null, null, null, null,
                null, null, null, "Who^John\\house*")).toString();
        assertThat(query).contains("scheduledPerformingPhysicianNameMatch", "WHO^JOHN", "HOUSE*");
        assertThat(WorklistMatching.query(new WorklistCriteria(null, null, null, null, null, null, null, null,
                null, null, null, "*")).toString()).doesNotContain("scheduledPerformingPhysicianNameMatch");
    }
}
