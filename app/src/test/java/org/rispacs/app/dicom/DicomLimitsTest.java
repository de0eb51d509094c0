package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A Query/Retrieve limit the archive cannot honour stops the start with its reason, rather than being cut silently. */
class DicomLimitsTest {

    private static DicomProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("ris.dicom",
                DicomProperties.class);
    }

    @Test
    void theQueryLimitIsTakenUpToWhatTheArchiveAnswers() {
        assertThat(bind(Map.of()).queryMaxResults()).isEqualTo(1000);
        assertThat(bind(Map.of("ris.dicom.query-max-results", "5000")).queryMaxResults()).isEqualTo(5000);
    }

    @Test
    void aQueryLimitBeyondItIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> bind(Map.of("ris.dicom.query-max-results", "1000000")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessage("ris.dicom.query-max-results must be 1 to 5000, not 1000000");
        assertThatThrownBy(() -> bind(Map.of("ris.dicom.query-max-results", "0"))).isInstanceOf(BindException.class);
    }
}
