package org.rispacs.api.concerns;

/** A security event about a user account: found by that account as well as by whoever acted. */
public interface ConcernsUser {

    /** The user account's name, or null. */
    String username();
}
