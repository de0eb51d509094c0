package org.rispacs.app.interfaces;

import java.util.Map;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.dicom.service.commitment.StorageCommitmentService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/interfaces")
class InterfaceHealthController {

    private final InterfaceHealthReader health;
    private final ObjectProvider<StorageCommitmentService> storageCommitment;

    InterfaceHealthController(InterfaceHealthReader health,
                              ObjectProvider<StorageCommitmentService> storageCommitment) {
        this.health = health;
        this.storageCommitment = storageCommitment;
    }

    /** Report deliveries per destination (pending, delivered, failed, attempts, last error) and open alerts. */
    @GetMapping("/health")
    InterfaceHealth health() {
        return health.now();
    }

    /**
     * Sends again the storage commitment reports given up for a requester (the subject of its
     * STORAGE_COMMITMENT_REPORT_FAILED alert; every requester without one), with a new round of
     * attempts. Their alert clears once each is delivered.
     */
    @PostMapping("/storage-commitment-reports/resend")
    Map<String, Integer> resendStorageCommitmentReports(@RequestParam(required = false) String requester) {
        StorageCommitmentService service = storageCommitment.getIfAvailable();
        if (service == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the DICOM edge is not running");
        }
        return Map.of("resent", service.resendGivenUp(requester == null || requester.isBlank() ? null : requester));
    }
}
