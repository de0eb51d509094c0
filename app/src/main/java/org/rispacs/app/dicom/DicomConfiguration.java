package org.rispacs.app.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.bridge.GatewayPerformedProcedureSteps;
import org.rispacs.dicom.bridge.GatewayWorklistSource;
import org.rispacs.dicom.bridge.InstancesReceivedBridge;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.mpps.MppsService;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.service.worklist.ModalityWorklistService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.transport.Tls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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

    @Bean
    InstancesReceivedBridge instancesReceivedBridge(CommandGateway commands, Archive archive) {
        return new InstancesReceivedBridge(commands, archive);
    }

    /** Once the workflow runs, record what a stop left stored but unrecorded. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> archiveRecovery(InstancesReceivedBridge bridge) {
        return ready -> {
            try {
                bridge.recover();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan the archive for unrecorded instances", e);
            }
        };
    }

    @Bean
    List<DimseService> dicomServices(Archive archive, InstancesReceivedBridge bridge, QueryGateway queries,
                                     CommandGateway commands, DicomProperties properties) {
        return List.of(new VerificationService(),
                new StorageService(archive, bridge),
                new ModalityWorklistService(new GatewayWorklistSource(queries), properties.worklistMaxResults()),
                new MppsService(new GatewayPerformedProcedureSteps(commands, queries)));
    }

    @Bean(destroyMethod = "close")
    DicomServer dicomServer(DicomProperties properties, List<DimseService> services) throws IOException {
        return DicomServer.start(config(properties, properties.port(), false), services);
    }

    /** The same application entity and services on a second, TLS-secured port. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("${ris.dicom.tls.port:-1} >= 0")
    DicomServer dicomTlsServer(DicomProperties properties, List<DimseService> services) throws IOException {
        DicomProperties.Tls tls = properties.tls();
        if (tls.keyStore() == null) {
            throw new IllegalStateException("ris.dicom.tls.port is set but ris.dicom.tls.key-store is not");
        }
        return DicomServer.start(config(properties, tls.port(), true), services, Tls.serverSocketFactory(tls.keyStore(),
                password(tls.keyStorePassword()), tls.trustStore(), password(tls.trustStorePassword())));
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    private static DicomServer.Config config(DicomProperties properties, int port, boolean tls) throws IOException {
        AcceptorPolicy.Identity identity = new AcceptorPolicy.Identity(properties.aeTitle(),
                callingAeTitle -> properties.admits(callingAeTitle, tls), properties::maxPduLength,
                IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION);
        return new DicomServer.Config(InetAddress.getByName(properties.bindAddress()), port, identity,
                new AssociationSettings(properties.maxPduLength(), properties.artimTimeout(), properties.idleTimeout()),
                properties.maxAssociations());
    }

    @Bean
    HealthIndicator dicomHealthIndicator(List<DicomServer> servers, DicomProperties properties) {
        return () -> (servers.stream().allMatch(DicomServer::isRunning) ? Health.up() : Health.down())
                .withDetail("aeTitle", properties.aeTitle())
                .withDetail("ports", servers.stream().map(DicomServer::port).toList())
                .build();
    }
}
