package org.rispacs.app.dicom;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.bridge.InstancesReceivedBridge;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DicomConfiguration {

    /** Our implementation's identity in every association (a UID under the UUID-derived root 2.25). */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.329800735698586629295641978511506172918";
    static final String IMPLEMENTATION_VERSION = "RISPACS_010";

    @Bean
    Archive archive(@Value("${ris.data-dir}") Path dataDir) throws IOException {
        return new Archive(dataDir.resolve("archive"), IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION);
    }

    @Bean(destroyMethod = "close")
    DicomServer dicomServer(DicomProperties properties, Archive archive, CommandGateway commands) throws IOException {
        AcceptorPolicy.Identity identity = new AcceptorPolicy.Identity(properties.aeTitle(),
                properties.allowedCallingAeTitles(), properties.maxPduLength(), IMPLEMENTATION_CLASS_UID,
                IMPLEMENTATION_VERSION);
        return DicomServer.start(new DicomServer.Config(InetAddress.getByName(properties.bindAddress()),
                        properties.port(), identity,
                        new AssociationSettings(properties.maxPduLength(), properties.artimTimeout(),
                                properties.idleTimeout()),
                        properties.maxAssociations()),
                List.of(new VerificationService(), new StorageService(archive, new InstancesReceivedBridge(commands))));
    }

    @Bean
    HealthIndicator dicomHealthIndicator(DicomServer server, DicomProperties properties) {
        return () -> (server.isRunning() ? Health.up() : Health.down())
                .withDetail("aeTitle", properties.aeTitle())
                .withDetail("port", server.port())
                .build();
    }
}
