package io.maxplatform.oauth.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** {@code oauth_token_cutoffs}: per client (and scope), the issue time before which its tokens are dead. */
@ApplicationScoped
public class TokenCutoffRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    public record Row(String clientId, String scope, long notBefore) {
    }

    /** In the caller's transaction; a cut-off only ever moves later. */
    @Transactional(Transactional.TxType.MANDATORY)
    void save(String clientId, String scope, long notBefore) {
        em.createNativeQuery("INSERT INTO oauth_token_cutoffs (client_id, scope, not_before) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (client_id, scope) DO UPDATE"
                        + " SET not_before = GREATEST(oauth_token_cutoffs.not_before, EXCLUDED.not_before)")
                .setParameter(1, clientId)
                .setParameter(2, scope)
                .setParameter(3, OffsetDateTime.ofInstant(Instant.ofEpochSecond(notBefore), ZoneOffset.UTC))
                .executeUpdate();
    }

    List<Row> all() {
        return rows(em.createNativeQuery(SELECT));
    }

    /** One client's cut-offs. */
    List<Row> of(String clientId) {
        return rows(em.createNativeQuery(SELECT + " WHERE client_id = ?1").setParameter(1, clientId));
    }

    private static final String SELECT =
            "SELECT client_id, scope, CAST(EXTRACT(EPOCH FROM not_before) AS bigint) FROM oauth_token_cutoffs";

    @SuppressWarnings("unchecked")
    private static List<Row> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
    }
}
