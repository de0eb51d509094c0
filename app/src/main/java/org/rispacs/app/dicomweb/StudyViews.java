package org.rispacs.app.dicomweb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.servlet.http.HttpServletRequest;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.app.web.AccessAudit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Records that someone was given a study's images or metadata: a viewer asks for each series and
 * frame separately, so one user's requests for one study make one audit event per quarter of an
 * hour, not thousands.
 */
@Component
class StudyViews {

    static final String VIEW = "dicomweb";
    private static final Duration QUIET = Duration.ofMinutes(15);
    private static final int KEPT = 10_000;

    private final AccessAudit audit;
    private final Clock clock;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    @Autowired
    StudyViews(AccessAudit audit) {
        this(audit, Clock.systemUTC());
    }

    StudyViews(AccessAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void viewed(HttpServletRequest request, ArchivedStudy study) {
        Instant now = clock.instant();
        String key = request.getRemoteUser() + "|" + study.studyInstanceUid();
        Instant last = recorded.get(key);
        if (last != null && last.plus(QUIET).isAfter(now)) {
            return;
        }
        ArchivedIdentity identity = study.current();
        List<PatientIdentifier> patients = identity == null ? List.of()
                : AccessAudit.shown(AccessAudit.patient(identity.patientId(), identity.issuerOfPatientId()));
        String accession = identity == null ? null : identity.accessionNumber();
        audit.viewed(request, VIEW, patients, study.orderId(), accession, study.studyInstanceUid(),
                null);
        recorded.put(key, now);
        if (recorded.size() > KEPT) {
            forgetBefore(now.minus(QUIET));
        }
    }

    private void forgetBefore(Instant threshold) {
        for (Iterator<Instant> times = recorded.values().iterator(); times.hasNext(); ) {
            if (times.next().isBefore(threshold)) {
                times.remove();
            }
        }
    }
}
