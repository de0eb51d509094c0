package org.rispacs.app.security;

/** An EHR's SMART configuration could not be read or lacks what a launch needs. */
class SmartDiscoveryException extends RuntimeException {

    SmartDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
