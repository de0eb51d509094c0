package org.rispacs.hl7.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final String MESSAGE = "MSH|^~\\&|EPIC|HOSP|RIS|RAD|20260101120000||ADT^A04|M1|P|2.5.1\r"
            + "PID|1||P1^^^HOSP||Doe^Jane\r";

    @Test
    void aReDeliveryStampedAnewOrWithOtherSegmentSeparatorsIsTheSameContent() {
        String restamped = MESSAGE.replace("20260101120000", "20260101120509");
        String withLineFeeds = MESSAGE.replace('\r', '\n');
        assertThat(ContentDigest.of(restamped)).isEqualTo(ContentDigest.of(MESSAGE));
        assertThat(ContentDigest.of(withLineFeeds)).isEqualTo(ContentDigest.of(MESSAGE));
        assertThat(ContentDigest.of(MESSAGE)).hasSize(64);
    }

    @Test
    void anyOtherChangeIsOtherContent() {
        assertThat(ContentDigest.of(MESSAGE.replace("Doe^Jane", "Doe^John"))).isNotEqualTo(ContentDigest.of(MESSAGE));
        assertThat(ContentDigest.of(MESSAGE.replace("ADT^A04", "ADT^A08"))).isNotEqualTo(ContentDigest.of(MESSAGE));
        assertThat(ContentDigest.of(MESSAGE.replace("|P|2.5.1", "|T|2.5.1"))).isNotEqualTo(ContentDigest.of(MESSAGE));
    }
}
