package org.rispacs.fhir.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTextTest {

    @Test
    void headingsOpenSectionsAndTheImpressionIsTheConclusion() {
        String text = "CT chest without contrast.\nFINDINGS: Lungs clear.\nNo effusion.\n\nImpression:\n"
                + "1. Normal study.\n2. No nodule.\nRecommendation: none";

        assertThat(ReportText.sections(text)).containsExactly(
                new ReportSection(null, "CT chest without contrast."),
                new ReportSection("FINDINGS", "Lungs clear.\nNo effusion."),
                new ReportSection("Impression", "1. Normal study.\n2. No nodule."),
                new ReportSection("Recommendation", "none"));
        assertThat(ReportText.conclusion(text)).isEqualTo("1. Normal study.\n2. No nodule.");
    }

    @Test
    void aTextWithoutImpressionHasNoConclusionAndALongSentenceWithAColonIsNoHeading() {
        String text = "The lesion described in the prior report: unchanged.\nConclusion:";

        assertThat(ReportText.sections(text)).containsExactly(
                new ReportSection(null, "The lesion described in the prior report: unchanged."),
                new ReportSection("Conclusion", ""));
        assertThat(ReportText.conclusion(text)).as("an empty impression is none").isNull();
        assertThat(ReportText.conclusion(null)).isNull();
    }
}
