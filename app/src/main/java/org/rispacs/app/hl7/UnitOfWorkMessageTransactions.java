package org.rispacs.app.hl7;

import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.rispacs.hl7.inbound.MessageTransactions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One inbound message's work in one database transaction, opened by an Axon unit of work of its
 * own. The commands the message sends run in units of work nested in it: their events, the
 * registries they claim and the record of the message commit together when it commits (Axon's
 * transaction manager is Spring's, and the event store takes Spring's connection, see
 * AxonStorageConfiguration). Being nested, their after-commit work, such as waking the event
 * processors, waits for the real commit, and the aggregates they loaded stay locked until then, so
 * two messages changing the same aggregate queue up in memory instead of meeting in the database.
 * A lock wait in the database is bounded all the same, so that a wait the database cannot see
 * (an aggregate's lock held by a message that waits on a row) ends in a retry instead of a hang.
 */
class UnitOfWorkMessageTransactions implements MessageTransactions {

    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;

    UnitOfWorkMessageTransactions(TransactionManager transactionManager, JdbcTemplate jdbc) {
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
    }

    @Override
    public Outcome inOneTransaction(Supplier<Outcome> work) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>("inbound HL7 message"));
        try {
            unit.attachTransaction(transactionManager);
            jdbc.execute("SET LOCAL lock_timeout = '5s'");
            Outcome outcome = work.get();
            if (outcome.keep()) {
                unit.commit();
            } else {
                unit.rollback();
            }
            return outcome;
        } catch (RuntimeException | Error failure) {
            if (unit.isActive()) {
                unit.rollback(failure);
            }
            throw failure;
        }
    }
}
