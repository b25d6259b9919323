package io.maxplatform.oauth.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Serializes the start-up steps that create rows (the bootstrap client, the first signing key) across
 * nodes starting together on one database: a PostgreSQL advisory lock held until the caller's transaction
 * ends, so the second node waits and then finds the first node's rows instead of failing on a duplicate.
 */
@ApplicationScoped
public class StartupLock {

    /** Any constant; it only has to be the same on every node. */
    static final long KEY = 0x6d6178706c61L;

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + KEY + ")").getSingleResult();
    }
}
