package io.maxplatform.oauth.scope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scope registry, read once at start: it is reference data that changes only with a Liquibase
 * changeset, so the token endpoint never queries it.
 */
@ApplicationScoped
public class ScopeRegistry {

    @Inject
    ScopeRepository repository;

    private volatile List<Scope> scopes = List.of();
    private volatile ScopePolicy policy = new ScopePolicy(java.util.Set.of());

    public void load() {
        scopes = repository.all();
        policy = new ScopePolicy(scopes.stream().map(Scope::name).collect(Collectors.toSet()));
    }

    public List<Scope> all() {
        return scopes;
    }

    public ScopePolicy policy() {
        return policy;
    }
}
