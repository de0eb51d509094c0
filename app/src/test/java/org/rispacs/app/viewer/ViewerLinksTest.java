package org.rispacs.app.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewerLinksTest {

    @Test
    void linksNameTheStudiesTheCompareProtocolAndWeasissCommand() {
        assertThat(ViewerLinks.study("1.2.3")).isEqualTo("/viewer/viewer?StudyInstanceUIDs=1.2.3");
        assertThat(ViewerLinks.compare("1.2.3", "1.2.4"))
                .isEqualTo("/viewer/viewer?StudyInstanceUIDs=1.2.3,1.2.4&hangingProtocolId=%40ohif%2FhpCompare");
        assertThat(ViewerLinks.weasis("https://ris.example:8443", "1.2.3")).isEqualTo("weasis://%24dicom%3Ars%20--url"
                + "%20%22https%3A%2F%2Fris.example%3A8443%2Fdicomweb%22%20-r%20%22studyUID%3D1.2.3%22");
    }

    @Test
    void onlyPathsWithoutAnExtensionAreRoutesOfTheViewer() {
        assertThat(ViewerResources.isRoute("/viewer/x/y")).isTrue();
        assertThat(ViewerResources.isRoute("viewer")).isTrue();
        assertThat(ViewerResources.isRoute("/viewer/app.bundle.0f6159c501addfe9.js")).isFalse();
    }
}
