package io.maxplatform.oauth.key;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The stored signing keys ({@code oauth_signing_keys}); private parts only ever encrypted. */
@ApplicationScoped
public class SigningKeyRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    Optional<SigningKey> findActive() {
        return em.createQuery("SELECT k FROM SigningKey k WHERE k.active = TRUE", SigningKey.class)
                .getResultStream().findFirst();
    }

    /** Every stored key, the active one first, then newest first. */
    List<SigningKey> all() {
        return em.createQuery("SELECT k FROM SigningKey k ORDER BY k.active DESC, k.createdAt DESC", SigningKey.class)
                .getResultList();
    }

    void add(SigningKey key) {
        em.persist(key);
        em.flush();
    }

    /** Writes pending changes now, so a retired key is stored as retired before its successor is added. */
    void flush() {
        em.flush();
    }
}
