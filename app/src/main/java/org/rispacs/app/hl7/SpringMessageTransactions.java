package org.rispacs.app.hl7;

import java.util.function.Supplier;
import org.rispacs.hl7.inbound.MessageTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One inbound message's work in one database transaction. Axon's command handling joins it (its
 * transaction manager is Spring's, and the event store takes Spring's connection, see
 * AxonStorageConfiguration), as do the registries the commands claim. A lock wait is bounded so
 * that two messages waiting on each other through an aggregate's in-memory lock (which the
 * database cannot see) end in a retry instead of a hang.
 */
class SpringMessageTransactions implements MessageTransactions {

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    SpringMessageTransactions(PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    @Override
    public Outcome inOneTransaction(Supplier<Outcome> work) {
        return transactions.execute(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '5s'");
            Outcome outcome = work.get();
            if (!outcome.keep()) {
                status.setRollbackOnly();
            }
            return outcome;
        });
    }
}
