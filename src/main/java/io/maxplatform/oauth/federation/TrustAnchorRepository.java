package io.maxplatform.oauth.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The stored trust anchors ({@code oauth_trust_anchors}). */
@ApplicationScoped
public class TrustAnchorRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Outside any transaction of the caller's, so the rows are detached at once: for {@link TrustAnchors}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    List<TrustAnchor> allDetached() {
        return all();
    }

    List<TrustAnchor> all() {
        return em.createQuery("SELECT a FROM TrustAnchor a ORDER BY a.name", TrustAnchor.class).getResultList();
    }

    Optional<TrustAnchor> find(String name) {
        return Optional.ofNullable(em.find(TrustAnchor.class, name));
    }

    Optional<TrustAnchor> findByIssuer(String issuer) {
        return em.createQuery("SELECT a FROM TrustAnchor a WHERE a.issuer = :issuer", TrustAnchor.class)
                .setParameter("issuer", issuer).getResultStream().findFirst();
    }

    void add(TrustAnchor anchor) {
        em.persist(anchor);
        em.flush();
    }

    void remove(TrustAnchor anchor) {
        em.remove(anchor);
        em.flush();
    }

    void flush() {
        em.flush();
    }
}
