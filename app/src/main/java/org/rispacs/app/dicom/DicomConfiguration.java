package org.rispacs.app.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.bridge.ArchiveStorageCommitments;
import org.rispacs.dicom.bridge.GatewayArchiveRetrieval;
import org.rispacs.dicom.bridge.GatewayArchiveSearch;
import org.rispacs.dicom.bridge.GatewayPerformedProcedureSteps;
import org.rispacs.dicom.bridge.GatewayUndeliveredReports;
import org.rispacs.dicom.bridge.GatewayWorklistSource;
import org.rispacs.dicom.bridge.InstancesReceivedBridge;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.commitment.StorageCommitmentService;
import org.rispacs.dicom.service.mpps.MppsService;
import org.rispacs.dicom.service.query.QueryFindService;
import org.rispacs.dicom.service.query.QueryGetService;
import org.rispacs.dicom.service.query.QueryMoveService;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.service.worklist.ModalityWorklistService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.transport.Tls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

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
    JdbcPendingCommitments dicomPendingCommitments(JdbcTemplate jdbc) {
        return new JdbcPendingCommitments(jdbc);
    }

    /** Filled from the event store if it never was, before storage commitment can ask it. */
    @Bean
    JdbcRecordedLocations archivedInstanceLocations(JdbcTemplate jdbc, EventStore events) {
        JdbcRecordedLocations locations = new JdbcRecordedLocations(jdbc);
        locations.rebuildIfNeeded(events);
        return locations;
    }

    @Bean(destroyMethod = "close")
    StorageCommitmentService storageCommitmentService(CommandGateway commands, Archive archive, EventStore events,
                                                      JdbcPendingCommitments pending,
                                                      JdbcRecordedLocations locations, DicomProperties properties) {
        DicomProperties.StorageCommitment settings = properties.storageCommitment();
        return new StorageCommitmentService(
                new ArchiveStorageCommitments(commands, archive, new EventStoreRecordedInstances(events),
                        locations, settings.recordingPatience()),
                pending,
                peerAddresses(properties)::apply,
                new GatewayUndeliveredReports(commands),
                new StorageCommitmentService.Settings(IMPLEMENTATION_CLASS_UID, associationSettings(properties),
                        settings.responseTimeout(), settings.retryInterval(), settings.maxAttempts()),
                Clock.systemUTC());
    }

    /** Once the workflow runs, report the storage commitments a stop left unreported. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> storageCommitmentRecovery(StorageCommitmentService service) {
        return ready -> service.resume();
    }

    /** All our services; by name, since a service that is a bean of its own would otherwise be the only one. */
    /** The archive read model's searches, for the Query/Retrieve SCP and DICOMweb alike. */
    @Bean
    GatewayArchiveSearch archiveSearch(QueryGateway queries, EventGateway events) {
        return new GatewayArchiveSearch(queries, events);
    }

    @Bean
    List<DimseService> dicomServices(Archive archive, InstancesReceivedBridge bridge, QueryGateway queries,
                                     CommandGateway commands, EventGateway events, DicomProperties properties,
                                     StorageCommitmentService storageCommitment,
                                     GatewayArchiveSearch archiveSearch, ObjectProvider<DicomServer> servers) {
        GatewayArchiveRetrieval retrieval = new GatewayArchiveRetrieval(archiveSearch, archive, events,
                peerAddresses(properties));
        return List.of(new VerificationService(),
                new StorageService(archive, bridge),
                new ModalityWorklistService(new GatewayWorklistSource(queries, events),
                        properties.worklistMaxResults()),
                new MppsService(new GatewayPerformedProcedureSteps(commands)),
                new QueryFindService(archiveSearch, properties.aeTitle(), properties.queryMaxResults()),
                new QueryMoveService(retrieval, properties.aeTitle(), IMPLEMENTATION_CLASS_UID,
                        associationSettings(properties), properties.retrieveMaxInstances(), ownListener(servers)),
                new QueryGetService(retrieval, properties.retrieveMaxInstances(), properties.idleTimeout()),
                storageCommitment);
    }

    @Bean(destroyMethod = "close")
    DicomServer dicomServer(DicomProperties properties, @Qualifier("dicomServices") List<DimseService> services)
            throws IOException {
        return DicomServer.start(config(properties, properties.port(), false), services);
    }

    /** The same application entity and services on a second, TLS-secured port. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("${ris.dicom.tls.port:-1} >= 0")
    DicomServer dicomTlsServer(DicomProperties properties, @Qualifier("dicomServices") List<DimseService> services)
            throws IOException {
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

    /** Where a configured peer listens, by its AE title, for associations we open to it. */
    private static Function<String, Optional<InetSocketAddress>> peerAddresses(DicomProperties properties) {
        return aeTitle -> properties.peer(aeTitle).filter(peer -> peer.host() != null && peer.port() != null)
                .map(peer -> new InetSocketAddress(peer.host(), peer.port()));
    }

    /** Whether an address is where one of our listeners (started after the services) listens on this host. */
    private static Predicate<InetSocketAddress> ownListener(ObjectProvider<DicomServer> servers) {
        return address -> servers.stream().anyMatch(server -> server.port() == address.getPort())
                && isThisHost(address.getAddress());
    }

    private static boolean isThisHost(InetAddress address) {
        if (address == null) {
            return false;
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException unknown) {
            return false;
        }
    }

    private static AssociationSettings associationSettings(DicomProperties properties) {
        return new AssociationSettings(properties.maxPduLength(), properties.artimTimeout(), properties.idleTimeout());
    }

    private static DicomServer.Config config(DicomProperties properties, int port, boolean tls) throws IOException {
        AcceptorPolicy.Identity identity = new AcceptorPolicy.Identity(properties.aeTitle(),
                callingAeTitle -> properties.admits(callingAeTitle, tls), properties::maxPduLength,
                IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION);
        return new DicomServer.Config(InetAddress.getByName(properties.bindAddress()), port, identity,
                associationSettings(properties),
                properties.maxAssociations(), properties.maxAssociationsPerAe());
    }

    @Bean
    HealthIndicator dicomHealthIndicator(List<DicomServer> servers, DicomProperties properties) {
        return () -> (servers.stream().allMatch(DicomServer::isRunning) ? Health.up() : Health.down())
                .withDetail("aeTitle", properties.aeTitle())
                .withDetail("ports", servers.stream().map(DicomServer::port).toList())
                .build();
    }
}
