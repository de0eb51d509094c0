package org.rispacs.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertDurationsTest {

    @Test
    void alertsSayDurationsAsPeopleWriteThem() {
        assertThat(InterfaceHealthProjection.readable(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(InterfaceHealthProjection.readable(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(InterfaceHealthProjection.readable(Duration.ofSeconds(45))).isEqualTo("45 s");
    }
}
