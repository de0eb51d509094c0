package org.rispacs.app.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.SearchArchiveQuery;

/** A QIDO-RS query string as the archive search it asks for, and the requests refused before searching. */
class QidoParametersTest {

    @Test
    void keysByKeywordOrTagWithPagingAndFuzzyMatching() {
        SearchArchiveQuery query = parse(Map.of("00100020", new String[] {"P1"},
                "PatientName", new String[] {"doe*"}, "ModalitiesInStudy", new String[] {"CT", "MR"},
                "limit", new String[] {"25"}, "offset", new String[] {"50"},
                "fuzzymatching", new String[] {"true"}, "includefield", new String[] {"00081030,StudyTime", "all"}));

        assertThat(query.level()).isEqualTo(ArchiveLevel.STUDY);
        assertThat(query.matchKeys()).containsEntry("PatientID", "P1").containsEntry("PatientName", "doe*")
                .containsEntry("ModalitiesInStudy", "CT\\MR").hasSize(3);
        assertThat(query.limit()).isEqualTo(25);
        assertThat(query.offset()).isEqualTo(50);
        assertThat(query.fuzzyMatching()).isTrue();
    }

    @Test
    void emptyAndUniversalValuesAskNothing() {
        SearchArchiveQuery query = parse(Map.of("PatientName", new String[] {""}, "StudyDate", new String[] {"*"}));
        assertThat(query.matchKeys()).isEmpty();
        assertThat(query.limit()).isEqualTo(QidoParameters.MAX_LIMIT);
    }

    @Test
    void tooMuchOrUnknownIsRefusedNamingWhy() {
        assertThatThrownBy(() -> parse(Map.of("limit", new String[] {"5000"}))).hasMessageContaining("1000");
        assertThatThrownBy(() -> parse(Map.of("limit", new String[] {"0"}))).hasMessageContaining("limit");
        assertThatThrownBy(() -> parse(Map.of("offset", new String[] {"9500"}))).hasMessageContaining("10000");
        assertThatThrownBy(() -> parse(Map.of("limit", new String[] {"ten"}))).hasMessageContaining("number");
        assertThatThrownBy(() -> parse(Map.of("Colour", new String[] {"red"}))).hasMessageContaining("Colour");
        assertThatThrownBy(() -> parse(Map.of("00101002.00100020", new String[] {"x"})))
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> parse(Map.of("includefield", new String[] {"NoSuchField"})))
                .hasMessageContaining("NoSuchField");
        assertThatThrownBy(() -> parse(Map.of("fuzzymatching", new String[] {"yes"}))).hasMessageContaining("true");
    }

    private static SearchArchiveQuery parse(Map<String, String[]> parameters) {
        return QidoParameters.parse(ArchiveLevel.STUDY, null, null, new LinkedHashMap<>(parameters));
    }
}
