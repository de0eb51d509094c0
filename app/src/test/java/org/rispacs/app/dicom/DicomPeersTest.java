package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Per-peer DICOM settings as an operator writes them, and who they admit. */
class DicomPeersTest {

    private static DicomProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ris.dicom", DicomProperties.class);
    }

    @Test
    void withoutPeersAnyoneOrTheListedAreAdmitted() {
        DicomProperties open = bind(Map.of());
        assertThat(open.peers()).isEmpty();
        assertThat(open.admits("ANY", false)).isTrue();
        assertThat(open.maxPduLength("ANY")).isEqualTo(262144);

        DicomProperties listed = bind(Map.of("ris.dicom.allowed-calling-ae-titles", "CT1,MR1"));
        assertThat(listed.admits("CT1", false)).isTrue();
        assertThat(listed.admits("US9", false)).isFalse();
    }

    @Test
    void peersAreBoundWithTheirSettingsAndDecideAdmission() {
        DicomProperties properties = bind(Map.of(
                "ris.dicom.allowed-calling-ae-titles", "CT1",
                "ris.dicom.peers.ARCHIVE2.host", "10.0.0.7",
                "ris.dicom.peers.ARCHIVE2.port", "104",
                "ris.dicom.peers.OLDUS.max-pdu-length", "16384",
                "ris.dicom.peers.RETIRED.allowed", "false",
                "ris.dicom.peers.REMOTE.tls-required", "true",
                "ris.dicom.peers[MOD_1].port", "4242"));

        DicomProperties.Peer archive = properties.peer("ARCHIVE2").orElseThrow();
        assertThat(archive.host()).isEqualTo("10.0.0.7");
        assertThat(archive.port()).isEqualTo(104);
        assertThat(archive.allowed()).isTrue();
        assertThat(properties.peer("MOD_1").orElseThrow().port()).isEqualTo(4242);
        // listed peers are admitted beside the allowed list; a peer set not allowed never is
        assertThat(properties.admits("ARCHIVE2", false)).isTrue();
        assertThat(properties.admits("CT1", false)).isTrue();
        assertThat(properties.admits("US9", false)).isFalse();
        assertThat(properties.admits("RETIRED", true)).isFalse();
        assertThat(properties.admits("REMOTE", false)).isFalse();
        assertThat(properties.admits("REMOTE", true)).isTrue();
        assertThat(properties.maxPduLength("OLDUS")).isEqualTo(16384);
        assertThat(properties.maxPduLength("ARCHIVE2")).isEqualTo(262144);
    }

    @Test
    void environmentVariablesNameAPeerByItsAeTitleProperty() {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        sources.replace(name, new SystemEnvironmentPropertySource(name, Map.of(
                "RIS_DICOM_PEERS_CTROOM2_HOST", "ct2.example",
                "RIS_DICOM_PEERS_CTROOM2_PORT", "11112",
                "RIS_DICOM_PEERS_WARD_AETITLE", "WARD_US",
                "RIS_DICOM_PEERS_WARD_ALLOWED", "false")));
        DicomProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("ris.dicom", DicomProperties.class);

        // environment variables lose case: AE titles are matched ignoring it
        assertThat(properties.peer("CTROOM2").orElseThrow().host()).isEqualTo("ct2.example");
        assertThat(properties.admits("WARD_US", false)).isFalse();
        assertThat(properties.admits("CTROOM2", false)).isTrue();
    }
}
