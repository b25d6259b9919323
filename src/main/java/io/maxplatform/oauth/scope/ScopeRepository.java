package io.maxplatform.oauth.scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The {@code oauth_scopes} reference data (changed only by Liquibase changesets). */
@ApplicationScoped
public class ScopeRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Categories in reverse order (admin before manage), then by name: the order the API lists them in. */
    public List<Scope> all() {
        return em.createQuery("SELECT s FROM Scope s ORDER BY s.category DESC, s.name", Scope.class).getResultList();
    }
}
