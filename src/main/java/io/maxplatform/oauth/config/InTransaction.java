package io.maxplatform.oauth.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in a transaction (a caller's own methods cannot open one for themselves: interceptors see only
 * calls from outside the bean).
 */
@ApplicationScoped
public class InTransaction {

    /** In the caller's transaction, or a new one: the work and what it writes commit together or not at all. */
    @Transactional
    public <T> T run(Supplier<T> work) {
        return work.get();
    }

    /** In a transaction of its own, committed whatever becomes of the caller's. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void runOnItsOwn(Runnable work) {
        work.run();
    }
}
