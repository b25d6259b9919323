package io.maxplatform.oauth.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Writes the audit trail, before the request is answered: a token is never returned without its row, and
 * a failed insert fails the request. A refusal is written in a transaction of its own, so it survives the
 * rollback of the refused work; an admin change is written in the change's transaction.
 */
@ApplicationScoped
public class AuditRecorder {

    public static final String TOKEN_ISSUED = "token_issued";
    public static final String TOKEN_REQUEST_FAILED = "token_request_failed";

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void on(@Observes TokenIssued event) {
        em.persist(new AuditLogEntry(TOKEN_ISSUED, event.clientId(), true, null, null, null, null,
                event.scope(), event.tokenId(), event.sourceAddress()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void on(@Observes TokenRequestRefused event) {
        em.persist(new AuditLogEntry(TOKEN_REQUEST_FAILED, event.claimedClientId(), false, event.error(),
                event.reason(), null, null, null, null, event.sourceAddress()));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    void on(@Observes ClientRequestServed event) {
        em.persist(new AuditLogEntry(event.action(), event.clientId(), true, null, null, event.detail(), null,
                null, event.tokenId(), event.sourceAddress()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void on(@Observes ClientRequestRefused event) {
        em.persist(new AuditLogEntry(event.action(), event.claimedClientId(), false, event.error(), event.reason(),
                null, null, null, null, event.sourceAddress()));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    void on(@Observes AdminActionPerformed event) {
        em.persist(new AuditLogEntry(event.action(), event.callerClientId(), true, null, null,
                null, event.target(), null, null, event.sourceAddress()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void on(@Observes AdminActionRefused event) {
        em.persist(new AuditLogEntry(event.action(), event.callerClientId(), false, null, null,
                event.detail(), event.target(), null, null, event.sourceAddress()));
    }
}
