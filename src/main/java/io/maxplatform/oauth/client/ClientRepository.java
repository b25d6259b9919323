package io.maxplatform.oauth.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class ClientRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(em.find(Client.class, clientId));
    }

    public void add(Client client) {
        em.persist(client);
    }

    public long countAll() {
        return em.createQuery("SELECT COUNT(c) FROM Client c", Long.class).getSingleResult();
    }

    public long countActive() {
        return em.createQuery("SELECT COUNT(c) FROM Client c WHERE c.active = TRUE", Long.class).getSingleResult();
    }
}
