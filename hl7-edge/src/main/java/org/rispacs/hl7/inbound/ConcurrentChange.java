package org.rispacs.hl7.inbound;

import java.sql.SQLException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Whether a write failed on another transaction's concurrent change (an aggregate appended to
 * meanwhile, a deadlock, a lock wait timed out, a registry row claimed meanwhile): such work is run
 * again rather than refused. Inbound HL7 messages and FHIR order writes both retry on it.
 */
public final class ConcurrentChange {

    private ConcurrentChange() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonTransientException || cause instanceof AggregateStreamCreationException
                    || cause instanceof LockAcquisitionFailedException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("55P03")
                    || sql.getSQLState().equals("23505"))) {
                return true;
            }
        }
        return false;
    }
}
