package org.rispacs.app.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorStudiesTest {

    @Test
    void theImpressionSectionIsTakenUpToTheNextHeading() {
        String report = "FINDINGS: Small nodule.\nIMPRESSION:\nStable nodule.\nNo new lesion.\n"
                + "RECOMMENDATION: CT in 1 y.";
        assertThat(PriorStudies.impressionOf(report)).isEqualTo("Stable nodule.\nNo new lesion.");
        assertThat(PriorStudies.impressionOf("Findings: clear.\nImpression: normal chest")).isEqualTo("normal chest");
    }

    @Test
    void withoutAnImpressionTheTextsStartIsShown() {
        String longText = "Impressive findings everywhere. " + "x".repeat(300);
        assertThat(PriorStudies.impressionOf(longText)).hasSize(PriorStudies.EXCERPT + 1).endsWith("…")
                .startsWith("Impressive findings");
        assertThat(PriorStudies.impressionOf("  Lungs clear.  ")).isEqualTo("Lungs clear.");
        assertThat(PriorStudies.impressionOf("")).isNull();
    }
}
