package org.rispacs.query.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rispacs.api.archive.ArchiveLevel;

class ArchiveMatchingTest {

    @Test
    void aKeyTheArchiveCannotMatchOnIsRefusedByName() {
        assertThatThrownBy(() -> ArchiveMatching.filters(ArchiveLevel.STUDY, Map.of("PatientWeight", "70"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("PatientWeight");
        assertThatThrownBy(() -> ArchiveMatching.filters(ArchiveLevel.STUDY, Map.of("SOPInstanceUID", "1.2"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOPInstanceUID");
        assertThatThrownBy(() -> ArchiveMatching.filters(ArchiveLevel.STUDY, Map.of("StudyDate", "2026-12-01"),
                false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StudyDate");
        assertThatThrownBy(() -> ArchiveMatching.filters(ArchiveLevel.SERIES, Map.of("SeriesNumber", "two"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SeriesNumber");
    }

    @Test
    void universalValuesFilterNothing() {
        assertThat(ArchiveMatching.filters(ArchiveLevel.STUDY, Map.of("PatientName", "*", "PatientID", ""), false))
                .isEmpty();
    }

    @Test
    void eachKeyFiltersItsLevelInTheStandardsMatchingForm() {
        Map<ArchiveLevel, List<Query>> filters = ArchiveMatching.filters(ArchiveLevel.INSTANCE, Map.of(
                "StudyDate", "20261201-", "00100010", "Müller*", "StudyTime", "-1015",
                "Modality", "ct", "SOPInstanceUID", "1.2.3,1.2.4\\1.2.5"), false);

        assertThat(json(filters.get(ArchiveLevel.STUDY))).contains("\"studyDate\":{\"gte\":\"20261201\"}")
                .contains("\"current.patientNameMatch\":{\"value\":\"muller*\"}")
                .contains("\"studyTime\":{\"lte\":\"1015~\"}");
        assertThat(json(filters.get(ArchiveLevel.SERIES))).contains("\"modality\":{\"value\":\"CT\"}");
        assertThat(json(filters.get(ArchiveLevel.INSTANCE))).contains("[\"1.2.3\",\"1.2.4\",\"1.2.5\"]");
    }

    @Test
    void fuzzyNamesMatchByTheStartOfAnyWord() {
        Map<ArchiveLevel, List<Query>> filters = ArchiveMatching.filters(ArchiveLevel.STUDY,
                Map.of("PatientName", "MÜLL han"), true);
        assertThat(json(filters.get(ArchiveLevel.STUDY)))
                .contains("\"current.patientNameWords\":{\"value\":\"mull\"}")
                .contains("\"current.patientNameWords\":{\"value\":\"han\"}");
    }

    private static String json(List<Query> queries) {
        return queries.toString().replace(" ", "");
    }
}
