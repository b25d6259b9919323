package io.maxplatform.oauth.cleanup;

import io.maxplatform.oauth.key.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The deletes of the clean-up, each in a transaction of its own and bounded, so no statement holds locks on
 * a busy table for long or writes one huge transaction's worth of WAL.
 */
@ApplicationScoped
public class CleanupRepository {

    /** Any constant other than the start-up lock's; the same on every node. */
    static final long LOCK_KEY = 0x6d6178706c63L;

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /**
     * Whether this node holds the clean-up lock for the current transaction: with several nodes on one
     * database, one of them does a round, and the others skip it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean tryLock() {
        return Boolean.TRUE.equals(em.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")
                .getSingleResult());
    }

    /** Revocations of tokens that have expired (plus the clock skew): such a token is refused anyway. */
    @Transactional(Transactional.TxType.MANDATORY)
    int deleteExpiredRevocations(long skewSeconds, int batch) {
        return em.createNativeQuery("DELETE FROM oauth_revoked_tokens WHERE token_id IN (SELECT token_id"
                        + " FROM oauth_revoked_tokens WHERE expires_at < now() - make_interval(secs => ?1) LIMIT ?2)")
                .setParameter(1, skewSeconds)
                .setParameter(2, batch)
                .executeUpdate();
    }

    /**
     * Used client assertions past their expiry: a replay of one is refused as expired anyway. A further skew
     * of margin, as the database's clock decides here and each server's clock decided acceptance.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int deleteExpiredAssertions(long skewSeconds, int batch) {
        return em.createNativeQuery("DELETE FROM oauth_client_assertions WHERE (client_id, jti) IN (SELECT client_id, jti"
                        + " FROM oauth_client_assertions WHERE expires_at < now() - make_interval(secs => ?1) LIMIT ?2)")
                .setParameter(1, skewSeconds)
                .setParameter(2, batch)
                .executeUpdate();
    }

    /** Earlier client secrets whose grace period has ended: they no longer authenticate anyone. */
    @Transactional(Transactional.TxType.MANDATORY)
    int deleteExpiredSecrets(int batch) {
        return em.createNativeQuery("DELETE FROM oauth_client_secrets WHERE secret_id IN (SELECT secret_id"
                        + " FROM oauth_client_secrets WHERE expires_at < now() LIMIT ?1)")
                .setParameter(1, batch)
                .executeUpdate();
    }

    /**
     * Signing keys no verifier needs any more: withdrawn ones, and retired ones whose longest-lived token has
     * expired ({@link KeyRing.Key#publishedUntil()}). Their private parts go with them. Few rows: one statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int deleteUnpublishedKeys() {
        return em.createNativeQuery("DELETE FROM oauth_signing_keys WHERE withdrawn_at < now()"
                        + " OR retired_at + make_interval(secs => longest_token_lifetime_seconds + ?1) < now()")
                .setParameter(1, KeyRing.LEEWAY.toSeconds())
                .executeUpdate();
    }

    /** Counts of failed authentications whose minute has passed (with a minute of margin for clock skew). */
    @Transactional(Transactional.TxType.MANDATORY)
    int deletePastFailureCounts(int batch) {
        return em.createNativeQuery("DELETE FROM oauth_failed_authentications WHERE id IN (SELECT id"
                        + " FROM oauth_failed_authentications WHERE window_start < now() - interval '2 minutes' LIMIT ?1)")
                .setParameter(1, batch)
                .executeUpdate();
    }
}
