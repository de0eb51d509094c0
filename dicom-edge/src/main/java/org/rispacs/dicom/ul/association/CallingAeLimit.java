package org.rispacs.dicom.ul.association;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rispacs.dicom.ul.pdu.AssociateAc;
import org.rispacs.dicom.ul.pdu.AssociateRj;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/**
 * Bounds the associations one calling AE title holds at once, so that a client keeping idle
 * associations open cannot take every slot of the global limit. An A-ASSOCIATE-RQ past the bound
 * is rejected as the global limit's are: transient, service-provider (presentation),
 * local-limit-exceeded (PS3.8 table 9-21). AE titles are counted trimmed and ignoring case, as
 * they are matched elsewhere.
 */
public final class CallingAeLimit {

    private final int maxPerCallingAe;
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    public CallingAeLimit(int maxPerCallingAe) {
        if (maxPerCallingAe < 1) {
            throw new IllegalArgumentException("at least one association per calling AE title, not "
                    + maxPerCallingAe);
        }
        this.maxPerCallingAe = maxPerCallingAe;
    }

    /** The handler of one connection: counts its association from its request until it ends. */
    public AssociationHandler guard(AssociationHandler services) {
        return new Guarded(services);
    }

    /** Associations currently held by this calling AE title. */
    public int held(String callingAeTitle) {
        return held.getOrDefault(key(callingAeTitle), 0);
    }

    private boolean acquire(String key) {
        boolean[] admitted = {false};
        held.compute(key, (title, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerCallingAe) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    private void release(String key) {
        held.computeIfPresent(key, (title, count) -> count <= 1 ? null : count - 1);
    }

    private static String key(String callingAeTitle) {
        return callingAeTitle == null ? "" : callingAeTitle.trim().toUpperCase(Locale.ROOT);
    }

    private final class Guarded implements AssociationHandler {

        private final AssociationHandler services;
        private final AtomicBoolean counted = new AtomicBoolean();
        private volatile String key;

        Guarded(AssociationHandler services) {
            this.services = services;
        }

        @Override
        public Pdu associationRequested(Association association, AssociateRq request) {
            key = key(request.callingAeTitle());
            if (!acquire(key)) {
                return new AssociateRj(AssociateRj.REJECTED_TRANSIENT,
                        AssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION, AssociateRj.LOCAL_LIMIT_EXCEEDED);
            }
            counted.set(true);
            return services.associationRequested(association, request);
        }

        @Override
        public void established(Association association, AssociateAc accepted) {
            services.established(association, accepted);
        }

        @Override
        public void dataReceived(Association association, PresentationDataValue value) throws Exception {
            services.dataReceived(association, value);
        }

        @Override
        public void ended(Association association, String how) {
            if (counted.compareAndSet(true, false)) {
                release(key);
            }
            services.ended(association, how);
        }
    }
}
