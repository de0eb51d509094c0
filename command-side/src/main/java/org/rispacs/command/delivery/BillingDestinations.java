package org.rispacs.command.delivery;

import java.util.List;

/** The configured receivers of captured charges (billing systems), by name; none sends no charge messages. */
public interface BillingDestinations {

    List<String> names();
}
