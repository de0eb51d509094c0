package org.rispacs.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRetrieveViewsTest {

    @Test
    void aViewNamesItsKindAndAFindItsLevel() {
        assertThat(QueryRetrieveViews.find("STUDY")).isEqualTo("dicom-find STUDY");
        assertThat(QueryRetrieveViews.kindOf("dicom-find STUDY")).isEqualTo("find");
        assertThat(QueryRetrieveViews.levelOf("dicom-find STUDY")).isEqualTo("STUDY");
        assertThat(QueryRetrieveViews.kindOf(QueryRetrieveViews.MOVE)).isEqualTo("move");
        assertThat(QueryRetrieveViews.levelOf(QueryRetrieveViews.MOVE)).isNull();
        assertThat(QueryRetrieveViews.kindOf(QueryRetrieveViews.GET)).isEqualTo("get");
    }

    @Test
    void otherViewsAreNoQueryRetrieveRequests() {
        assertThat(QueryRetrieveViews.kindOf("dicomweb")).isNull();
        assertThat(QueryRetrieveViews.kindOf("order")).isNull();
        assertThat(QueryRetrieveViews.kindOf("dicom-")).isNull();
        assertThat(QueryRetrieveViews.kindOf(null)).isNull();
        assertThat(QueryRetrieveViews.levelOf("viewer STUDY")).isNull();
    }

    @Test
    void theCallingAeTitleIsThatOfADicomActor() {
        assertThat(QueryRetrieveViews.actor("WS1")).isEqualTo("dicom:WS1");
        assertThat(QueryRetrieveViews.callingAeTitleOf("dicom:WS1")).isEqualTo("WS1");
        assertThat(QueryRetrieveViews.callingAeTitleOf("dicom:")).isNull();
        assertThat(QueryRetrieveViews.callingAeTitleOf("rad1")).isNull();
        assertThat(QueryRetrieveViews.callingAeTitleOf(null)).isNull();
    }
}
