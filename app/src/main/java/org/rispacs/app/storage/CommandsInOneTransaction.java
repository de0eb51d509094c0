package org.rispacs.app.storage;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several commands' work in one database transaction, opened by an Axon unit of work of its own
 * (an inbound HL7 message, a FHIR order). The commands sent meanwhile run in units of work nested
 * in it: their events and the registries they claim commit together when it commits (Axon's
 * transaction manager is Spring's, and the event store takes Spring's connection, see
 * AxonStorageConfiguration). Being nested, their after-commit work, such as waking the event
 * processors, waits for the real commit, and the aggregates they loaded stay locked until then, so
 * two requests changing the same aggregate queue up in memory instead of meeting in the database.
 * A lock wait in the database is bounded all the same, so that a wait the database cannot see
 * (an aggregate's lock held by a request that waits on a row) ends in a failure the caller
 * retries (ConcurrentChange) instead of a hang.
 */
public final class CommandsInOneTransaction {

    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;

    public CommandsInOneTransaction(TransactionManager transactionManager, JdbcTemplate jdbc) {
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
    }

    /** Runs {@code work}, committed when {@code keep} says so of its result, rolled back otherwise or if it throws. */
    public <T> T run(String description, Supplier<T> work, Predicate<T> keep) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>(description));
        try {
            unit.attachTransaction(transactionManager);
            jdbc.execute("SET LOCAL lock_timeout = '5s'");
            T result = work.get();
            if (keep.test(result)) {
                unit.commit();
            } else {
                unit.rollback();
            }
            return result;
        } catch (RuntimeException | Error failure) {
            if (unit.isActive()) {
                unit.rollback(failure);
            }
            throw failure;
        }
    }
}
