package io.maxplatform.oauth.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs work in one transaction, so a change and the audit row written inside it commit together or not at
 * all (a caller's own methods cannot open one for themselves: interceptors see only calls from outside).
 */
@ApplicationScoped
public class InTransaction {

    @Transactional
    public <T> T run(Supplier<T> work) {
        return work.get();
    }
}
