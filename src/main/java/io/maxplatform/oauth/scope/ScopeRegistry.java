package io.maxplatform.oauth.scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scope registry, read once at start: it is reference data that changes only with a Liquibase
 * changeset, so the token endpoint never queries it.
 */
@ApplicationScoped
public class ScopeRegistry {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    private volatile List<Scope> scopes = List.of();
    private volatile ScopePolicy policy = new ScopePolicy(java.util.Set.of());

    public void load() {
        scopes = em.createQuery("SELECT s FROM Scope s ORDER BY s.category DESC, s.name", Scope.class).getResultList();
        policy = new ScopePolicy(scopes.stream().map(Scope::name).collect(Collectors.toSet()));
    }

    public List<Scope> all() {
        return scopes;
    }

    public ScopePolicy policy() {
        return policy;
    }
}
