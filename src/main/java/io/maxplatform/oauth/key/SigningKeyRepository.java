package io.maxplatform.oauth.key;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The stored signing keys ({@code oauth_signing_keys}); private parts only ever encrypted. */
@ApplicationScoped
public class SigningKeyRepository {

    /** Any constant other than the start-up and clean-up locks'; the same on every server. */
    static final long ROTATION_LOCK_KEY = 0x6d61786b6579L;

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Every stored key, oldest first (the clean-up removes those no verifier needs any more). */
    List<SigningKey> all() {
        return em.createQuery("SELECT k FROM SigningKey k ORDER BY k.createdAt", SigningKey.class).getResultList();
    }

    /** One rotation at a time across all servers, until the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    void lockForRotation() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + ROTATION_LOCK_KEY + ")").getSingleResult();
    }

    void add(SigningKey key) {
        em.persist(key);
        em.flush();
    }

    /** Writes pending changes now, so a retired key is stored as retired before its successor is added. */
    void flush() {
        em.flush();
    }

    /**
     * Every key that may still sign, or retired less than {@code seconds} ago, learns that tokens may live
     * {@code seconds}: it then stays published that long after it retires. Retired keys are included for a
     * start-up with a longer {@code SERVICE_TOKEN_EXPIRE_HOURS} than the key's record knows (it may have
     * signed such tokens before); for them it only errs on the side of publishing longer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void coverTokenLifetime(long seconds) {
        // Under the rotation lock, so a rotation in progress either sees this change or is seen by it.
        lockForRotation();
        em.createNativeQuery("UPDATE oauth_signing_keys SET longest_token_lifetime_seconds = ?1"
                        + " WHERE longest_token_lifetime_seconds < ?1 AND withdrawn_at IS NULL"
                        + " AND (retired_at IS NULL OR retired_at > now() - make_interval(secs => ?1))")
                .setParameter(1, seconds)
                .executeUpdate();
    }
}
