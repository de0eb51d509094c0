package org.rispacs.fhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedEndpointsTest {

    private final AllowedEndpoints allowed = new AllowedEndpoints(List.of("https://ehr.example/fhir",
            "http://127.0.0.1:8081/hooks/"));

    @Test
    void anEndpointUnderAPrefixIsAllowed() {
        assertThat(allowed.allows("https://ehr.example/fhir")).isTrue();
        assertThat(allowed.allows("https://ehr.example/fhir/hook?x=1")).isTrue();
        assertThat(allowed.allows("https://EHR.example:443/fhir/hook")).isTrue();
        assertThat(allowed.allows("http://127.0.0.1:8081/hooks/a")).isTrue();
    }

    @Test
    void anEndpointElsewhereIsNot() {
        assertThat(allowed.allows("https://ehr.example/fhirx")).as("not a whole segment").isFalse();
        assertThat(allowed.allows("https://ehr.example.evil.net/fhir")).as("another host").isFalse();
        assertThat(allowed.allows("http://ehr.example/fhir")).as("another scheme").isFalse();
        assertThat(allowed.allows("https://ehr.example:8443/fhir")).as("another port").isFalse();
        assertThat(allowed.allows("http://127.0.0.1:8081/hooks")).as("above the prefix").isFalse();
        assertThat(allowed.allows("https://user:pw@ehr.example/fhir")).as("credentials in the URL").isFalse();
        assertThat(allowed.allows("ftp://ehr.example/fhir")).isFalse();
        assertThat(allowed.allows("not a url")).isFalse();
        assertThat(allowed.allows(null)).isFalse();
    }

    @Test
    void noPrefixAllowsNothing() {
        AllowedEndpoints none = new AllowedEndpoints(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.allows("https://ehr.example/fhir")).isFalse();
    }

    @Test
    void aPrefixThatIsNoUrlIsAConfigurationError() {
        assertThatThrownBy(() -> new AllowedEndpoints(List.of("ehr.example/fhir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed-endpoints");
    }
}
