package org.rispacs.dicom.service;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ServerSocketFactory;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.dicom.dimse.DimseProvider;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.association.CallingAeLimit;
import org.rispacs.dicom.ul.association.LimitExceeded;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.transport.Listener;

/** A DICOM application entity listening for associations and serving them with the given services. */
public final class DicomServer implements AutoCloseable {

    /**
     * @param maxAssociations how many associations are served at once; more are rejected (transient,
     *                        local limit exceeded) so that the requestor can try again later
     * @param maxAssociationsPerCallingAe how many of them one calling AE title may hold; more are
     *                        rejected the same way
     */
    public record Config(InetAddress bindAddress, int port, AcceptorPolicy.Identity identity,
                         AssociationSettings settings, int maxAssociations, int maxAssociationsPerCallingAe) {

        public static final int DEFAULT_MAX_ASSOCIATIONS_PER_CALLING_AE = 10;

        public Config(InetAddress bindAddress, int port, AcceptorPolicy.Identity identity,
                      AssociationSettings settings, int maxAssociations) {
            this(bindAddress, port, identity, settings, maxAssociations, DEFAULT_MAX_ASSOCIATIONS_PER_CALLING_AE);
        }
    }

    private final Listener listener;
    private final ScheduledExecutorService timers;

    private DicomServer(Listener listener, ScheduledExecutorService timers) {
        this.listener = listener;
        this.timers = timers;
    }

    public static DicomServer start(Config config, List<DimseService> services) throws IOException {
        return start(config, services, ServerSocketFactory.getDefault());
    }

    /** With a socket factory: {@link org.rispacs.dicom.ul.transport.Tls} for the TLS port. */
    public static DicomServer start(Config config, List<DimseService> services, ServerSocketFactory sockets)
            throws IOException {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("dicom-artim"));
        CallingAeLimit perCallingAe = new CallingAeLimit(config.maxAssociationsPerCallingAe());
        Listener listener = Listener.start(sockets, config.bindAddress(), config.port(), config.maxAssociations(),
                "dicom",
                socket -> Association.accept(socket, config.settings(),
                        perCallingAe.guard(new DimseProvider(config.identity(), services)), timers),
                socket -> Association.accept(socket, config.settings(), LimitExceeded.INSTANCE, timers));
        return new DicomServer(listener, timers);
    }

    public int port() {
        return listener.port();
    }

    public boolean isRunning() {
        return listener.isRunning();
    }

    @Override
    public void close() {
        listener.close();
        timers.shutdownNow();
    }
}
