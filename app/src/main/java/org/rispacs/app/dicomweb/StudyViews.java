package org.rispacs.app.dicomweb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jakarta.servlet.http.HttpServletRequest;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.app.web.AccessAudit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Records that someone was given a study's images or metadata, or found patients by a search: a
 * viewer asks for each series, frame and list separately, so one user's requests for one study
 * (one patient in search answers) make one audit event per quarter of an hour, not thousands.
 */
@Component
class StudyViews {

    static final String VIEW = "dicomweb";
    static final String SEARCH_VIEW = "dicomweb-search";
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

    /** The study was served; its record is asked for only when the view is to be recorded. */
    void viewed(HttpServletRequest request, String studyInstanceUid, Supplier<ArchivedStudy> study) {
        if (!firstInAWhile(request.getRemoteUser() + "|" + studyInstanceUid)) {
            return;
        }
        ArchivedStudy viewed = study.get();
        ArchivedIdentity identity = viewed.current();
        List<PatientIdentifier> patients = identity == null ? List.of()
                : AccessAudit.shown(AccessAudit.patient(identity.patientId(), identity.issuerOfPatientId()));
        String accession = identity == null ? null : identity.accessionNumber();
        audit.viewed(request, VIEW, patients, viewed.orderId(), accession, viewed.studyInstanceUid(), null);
    }

    /** A search answer named these patients: those not named to this user lately are recorded. */
    void found(HttpServletRequest request, List<PatientIdentifier> patients) {
        List<PatientIdentifier> news = patients.stream().filter(p -> p != null).distinct()
                .filter(p -> firstInAWhile(request.getRemoteUser() + "|search|" + p)).toList();
        if (!news.isEmpty()) {
            audit.viewedList(request, SEARCH_VIEW, news);
        }
    }

    private boolean firstInAWhile(String key) {
        Instant now = clock.instant();
        Instant last = recorded.get(key);
        if (last != null && last.plus(QUIET).isAfter(now)) {
            return false;
        }
        recorded.put(key, now);
        if (recorded.size() > KEPT) {
            forgetBefore(now.minus(QUIET));
        }
        return true;
    }

    private void forgetBefore(Instant threshold) {
        for (Iterator<Instant> times = recorded.values().iterator(); times.hasNext(); ) {
            if (times.next().isBefore(threshold)) {
                times.remove();
            }
        }
    }
}
