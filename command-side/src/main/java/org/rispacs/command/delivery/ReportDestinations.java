package org.rispacs.command.delivery;

import java.util.List;

/** The configured receivers of signed reports (EHRs), by name. */
public interface ReportDestinations {

    List<String> names();

    /**
     * Whether the destination also receives the preliminary version of a report (OBR-25 P), or
     * only final and corrected ones: some EHRs file every result they receive as the chart's
     * truth and want only what a radiologist signed final.
     */
    default boolean sendsPreliminary(String destination) {
        return true;
    }
}
