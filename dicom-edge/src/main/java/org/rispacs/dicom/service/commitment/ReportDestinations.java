package org.rispacs.dicom.service.commitment;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a requestor's AE title listens for N-EVENT-REPORTs on a new association (configured). */
@FunctionalInterface
public interface ReportDestinations {

    Optional<InetSocketAddress> addressOf(String aeTitle);
}
