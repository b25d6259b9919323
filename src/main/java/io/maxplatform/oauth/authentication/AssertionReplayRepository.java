package io.maxplatform.oauth.authentication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;

/** The {@code jti}s of accepted client assertions ({@code oauth_client_assertions}), until they expire. */
@ApplicationScoped
public class AssertionReplayRepository {

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /**
     * Records a first use. A concurrent insert of the same pair waits for the other transaction, then finds
     * the row: of two servers racing with one assertion, exactly one wins.
     *
     * @return false when the assertion was used before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean recordFirstUse(String clientId, String jti, Instant keepUntil) {
        return em.createNativeQuery("INSERT INTO oauth_client_assertions (client_id, jti, expires_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, clientId)
                .setParameter(2, jti)
                .setParameter(3, keepUntil.atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }
}
