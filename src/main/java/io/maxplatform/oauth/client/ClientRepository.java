package io.maxplatform.oauth.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class ClientRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** Any client with this id, deleted ones included (ids are never reused). */
    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(em.find(Client.class, clientId));
    }

    /**
     * The same, read outside any transaction of the caller's, so the entity is detached at once and no
     * transaction can write changes made to it: for {@link ClientCache}, which copies it into a
     * {@link RegisteredClient}.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Client> findDetached(String clientId) {
        return find(clientId);
    }

    /** The live client whose identity tokens from {@code trustAnchor} carry {@code subject}: at most one (uq_oauth_clients_federated_subject). */
    public Optional<String> federatedClientId(String trustAnchor, String subject) {
        return em.createQuery("SELECT c.clientId FROM Client c WHERE c.authentication.trustAnchor = :anchor"
                        + " AND c.authentication.federatedSubject = :subject AND c.deletedAt IS NULL", String.class)
                .setParameter("anchor", trustAnchor).setParameter("subject", subject)
                .getResultStream().findFirst();
    }

    /** The same, outside any transaction of the caller's: for {@link ClientCache}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<String> federatedClientIdDetached(String trustAnchor, String subject) {
        return federatedClientId(trustAnchor, subject);
    }

    /** How many clients, deleted ones included, name this trust anchor (its foreign key counts them all). */
    public long countNaming(String trustAnchor) {
        return em.createQuery("SELECT COUNT(c) FROM Client c WHERE c.authentication.trustAnchor = :anchor", Long.class)
                .setParameter("anchor", trustAnchor).getSingleResult();
    }

    /** A client the API shows: not deleted. */
    public Optional<Client> findLive(String clientId) {
        return find(clientId).filter(c -> !c.isDeleted());
    }

    public void add(Client client) {
        em.persist(client);
    }

    /**
     * Writes pending changes now, inside the caller's transaction, so a concurrent update (a stale
     * {@code version}) fails here as an {@link jakarta.persistence.OptimisticLockException} rather than at commit.
     */
    public void flush() {
        em.flush();
    }

    public long countAll() {
        return em.createQuery("SELECT COUNT(c) FROM Client c WHERE c.deletedAt IS NULL", Long.class).getSingleResult();
    }

    public long countActive() {
        return em.createQuery("SELECT COUNT(c) FROM Client c WHERE c.deletedAt IS NULL AND c.active = TRUE", Long.class)
                .getSingleResult();
    }

    /** The longest token lifetime a live client has of its own, if any has one. */
    public Optional<Integer> longestTokenLifetimeSeconds() {
        return Optional.ofNullable(em.createQuery("SELECT MAX(c.tokenLifetimeSeconds) FROM Client c WHERE c.deletedAt IS NULL",
                Integer.class).getSingleResult());
    }

    /** Filters of the client list: {@code active} and a case-insensitive text on id or name, each optional. */
    public record Filter(Boolean active, String text) {
    }

    public List<Client> list(Filter filter, int offset, int limit) {
        return filtered(filter, "SELECT c FROM Client c", Client.class, " ORDER BY c.clientId")
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        return filtered(filter, "SELECT COUNT(c) FROM Client c", Long.class, "").getSingleResult();
    }

    private <T> TypedQuery<T> filtered(Filter filter, String select, Class<T> type, String order) {
        StringBuilder jpql = new StringBuilder(select).append(" WHERE c.deletedAt IS NULL");
        if (filter.active() != null) {
            jpql.append(" AND c.active = :active");
        }
        if (filter.text() != null) {
            jpql.append(" AND (LOWER(c.clientId) LIKE :text ESCAPE '\\' OR LOWER(c.clientName) LIKE :text ESCAPE '\\')");
        }
        TypedQuery<T> query = em.createQuery(jpql + order, type);
        if (filter.active() != null) {
            query.setParameter("active", filter.active());
        }
        if (filter.text() != null) {
            query.setParameter("text", "%" + likeEscaped(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return query;
    }

    /** The text matches literally: {@code %} and {@code _} are not wildcards. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
