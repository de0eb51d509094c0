package org.rispacs.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifierSystemsTest {

    private final IdentifierSystems systems = new IdentifierSystems(Map.of("HOSP", "http://hospital.example/mrn"));

    @Test
    void aConfiguredSystemComesFirstThenAnOidThenTheDerivedUrn() {
        assertThat(systems.systemOf("HOSP")).isEqualTo("http://hospital.example/mrn");
        assertThat(systems.systemOf("1.2.840.113619.6")).isEqualTo("urn:oid:1.2.840.113619.6");
        assertThat(systems.systemOf("ER")).isEqualTo("urn:rispacs:issuer:ER");
        assertThat(systems.systemOf("St. Mary's ER/2")).isEqualTo("urn:rispacs:issuer:St.%20Mary%27s%20ER%2F2");
        assertThat(systems.systemOf("1.02.3")).as("not an OID: a leading zero").startsWith("urn:rispacs:issuer:");
    }

    @Test
    void eachSystemLeadsBackToItsIssuerAndNoOtherSystemDoes() {
        for (String issuer : new String[] {"HOSP", "1.2.840.113619.6", "ER", "St. Mary's ER/2", "A+B"}) {
            assertThat(systems.issuerOf(systems.systemOf(issuer))).as(issuer).contains(issuer);
        }
        assertThat(systems.issuerOf("urn:rispacs:issuer:HOSP")).as("HOSP has its configured system").isEmpty();
        assertThat(systems.issuerOf("http://elsewhere.example/mrn")).isEmpty();
        assertThat(systems.issuerOf("urn:oid:not-an-oid")).isEmpty();
        assertThat(systems.issuerOf("urn:rispacs:issuer:%zz")).isEmpty();
    }

    @Test
    void aSystemConfiguredForTwoIssuersIsRefused() {
        assertThatThrownBy(() -> new IdentifierSystems(Map.of("A", "urn:x", "B", "urn:x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
