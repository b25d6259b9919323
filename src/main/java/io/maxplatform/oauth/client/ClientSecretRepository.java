package io.maxplatform.oauth.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * The live secrets of each client ({@code oauth_client_secrets}). Expiry is compared with this server's
 * clock, which also wrote it: the database's {@code CURRENT_TIMESTAMP} is the start of the reading
 * transaction, which may precede a rotation that has committed since.
 */
@ApplicationScoped
public class ClientSecretRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** The secrets that still work, the current one first, then newest first. */
    public List<ClientSecret> live(String clientId) {
        return em.createQuery("SELECT s FROM ClientSecret s WHERE s.clientId = :client"
                        + " AND (s.expiresAt IS NULL OR s.expiresAt > :now)", ClientSecret.class)
                .setParameter("client", clientId)
                .setParameter("now", OffsetDateTime.now())
                .getResultStream()
                .sorted(Comparator.comparing(ClientSecret::isCurrent).reversed()
                        .thenComparing(ClientSecret::createdAt, Comparator.reverseOrder()))
                .toList();
    }

    /** The hashes of earlier secrets still inside their grace period (not the current one). */
    public List<String> hashesInGrace(String clientId) {
        return em.createQuery("SELECT s.secretHash FROM ClientSecret s WHERE s.clientId = :client"
                        + " AND s.expiresAt > :now", String.class)
                .setParameter("client", clientId)
                .setParameter("now", OffsetDateTime.now())
                .getResultList();
    }

    void add(ClientSecret secret) {
        em.persist(secret);
    }

    /** Writes pending changes now: an earlier current secret must be expired before its successor is added. */
    void flush() {
        em.flush();
    }

    /** Records a use; called at most about once a minute per secret, outside any request's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(String clientId, String secretHash) {
        em.createNativeQuery("UPDATE oauth_client_secrets SET last_used_at = now()"
                        + " WHERE client_id = ?1 AND secret_hash = ?2")
                .setParameter(1, clientId)
                .setParameter(2, secretHash)
                .executeUpdate();
    }
}
