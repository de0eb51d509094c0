package org.rispacs.command.delivery;

import java.util.List;

/** The configured receivers of signed reports (EHRs), by name. */
public interface ReportDestinations {

    List<String> names();
}
