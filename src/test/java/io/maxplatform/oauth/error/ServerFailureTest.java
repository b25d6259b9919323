package io.maxplatform.oauth.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.metrics.ServerMetrics;
import io.maxplatform.oauth.testlog.CapturedLog;
import jakarta.persistence.NoResultException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Each kind of failure is answered as what it is: only an outage is a 503, a bug is a 500 with its id logged. */
class ServerFailureTest {

    private static PersistenceException eclipseLinkWrapped(SQLException cause) {
        return new PersistenceException("Internal Exception: " + cause.getMessage(), cause);
    }

    @Test
    void aJpqlMistakeIsTheServersBugNotAnOutage() {
        PersistenceException jpql = new PersistenceException(new IllegalArgumentException(
                "An exception occurred while creating a query in EntityManager: Syntax error parsing [SELECT c FROM Clent c]"));
        assertEquals(500, ServerFailure.of(jpql).status());
        assertEquals(500, ServerFailure.of(new NoResultException("getSingleResult() did not retrieve any entities")).status());
        assertEquals(500, ServerFailure.of(new IllegalStateException("a bug")).status());
    }

    @Test
    void aLostRaceIsAConflict() {
        assertEquals(409, ServerFailure.of(new OptimisticLockException("row version changed")).status());
        ServerFailure duplicate = ServerFailure.of(eclipseLinkWrapped(new SQLException("duplicate key", "23505")));
        assertEquals(409, duplicate.status());
        assertEquals("concurrent_change", duplicate.reason());
    }

    /** EclipseLink writes at commit: a statement's failure then arrives wrapped in the commit's rollback. */
    @Test
    void aStatementThatFailedAtCommitIsThatStatementsFailureNotAnOutage() {
        assertEquals(409, ServerFailure.of(rolledBack(new SQLException("duplicate key", "23505"))).status());
        assertEquals(500, ServerFailure.of(rolledBack(new SQLException("null value in column", "23502"))).status());
        assertEquals(500, ServerFailure.of(rolledBack(new SQLException("syntax error", "42601"))).status());
        assertOutage(DatabaseOutage.COMMIT_ROLLED_BACK, new TransactionalException("commit failed",
                new jakarta.transaction.RollbackException("rolled back")));
    }

    private static TransactionalException rolledBack(SQLException cause) {
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("rolled back");
        rollback.initCause(eclipseLinkWrapped(cause));
        return new TransactionalException("commit failed", rollback);
    }

    @Test
    void aValueTheDatabaseRefusesIsTheRequestsFault() {
        ServerFailure refused = ServerFailure.of(eclipseLinkWrapped(new SQLException("invalid byte sequence", "22021")));
        assertEquals(400, refused.status());
        assertEquals("invalid_request", refused.error());
    }

    @Test
    void eachOutageIsA503NamingWhatHappened() {
        assertOutage(DatabaseOutage.UNREACHABLE, eclipseLinkWrapped(new SQLException("An I/O error occurred", "08006")));
        assertOutage(DatabaseOutage.SHUTTING_DOWN,
                eclipseLinkWrapped(new SQLException("terminating connection due to administrator command", "57P01")));
        assertOutage(DatabaseOutage.STATEMENT_TIMEOUT, eclipseLinkWrapped(new SQLException("canceling statement", "57014")));
        assertOutage(DatabaseOutage.LOCK_TIMEOUT, eclipseLinkWrapped(new SQLException("lock timeout", "55P03")));
        assertOutage(DatabaseOutage.OUT_OF_RESOURCES, eclipseLinkWrapped(new SQLException("disk full", "53100")));
        assertOutage(DatabaseOutage.TRANSACTION_CONFLICT, eclipseLinkWrapped(new SQLException("deadlock", "40P01")));
        SQLException poolTimeout = new SQLException("Error in allocating a connection. Cause: In-use connections equal"
                + " max-pool-size and expired max-wait-time.");
        poolTimeout.initCause(new ResourceAllocationException("max-pool-size"));
        assertOutage(DatabaseOutage.NO_CONNECTION, eclipseLinkWrapped(poolTimeout));
        assertOutage(DatabaseOutage.AUDIT_ROW_LATE, new DatabaseUnavailable(DatabaseOutage.AUDIT_ROW_LATE, "late"));
    }

    /** The database restarted during the audit writer's commit: the transaction manager's chain, as Payara builds it. */
    @Test
    void aDatabaseThatGoesAwayDuringTheCommitIsAnOutage() {
        XAException xa = new XAException("terminating connection due to administrator command");
        xa.errorCode = XAException.XAER_RMFAIL;
        SystemException system = new SystemException("commit failed");
        system.initCause(xa);
        assertOutage(DatabaseOutage.UNREACHABLE, new TransactionalException("commit failed", system));
    }

    private static void assertOutage(DatabaseOutage expected, Throwable failure) {
        ServerFailure answered = ServerFailure.of(failure);
        assertEquals(503, answered.status(), failure.toString());
        assertEquals(expected.reason(), answered.reason(), failure.toString());
    }

    @Test
    void aBugIsAnswered500WithTheErrorIdThatItsLogLineCarries() {
        try (CapturedLog logged = CapturedLog.of(FailureAnswers.class)) {
            FailureAnswers answers = new FailureAnswers();
            answers.metrics = new ServerMetrics();
            ServerFailure answered = answers.recorded(new PersistenceException(new IllegalArgumentException(
                    "Syntax error parsing [SELECT c FROM Clent c]")));

            assertEquals(500, answered.status());
            String body = ErrorResponses.oauthJson(answered.error(), answered.description());
            String errorId = body.replaceAll(".*\\(error ([0-9a-f-]{36})\\).*", "$1");
            assertEquals(answered.errorId(), errorId, body);
            assertEquals(1, logged.records().size());
            assertTrue(logged.records().get(0).getMessage().contains(errorId), logged.records().get(0).getMessage());
            assertTrue(logged.records().get(0).getThrown() != null, "the stack is logged");
            assertTrue(logged.records().get(0).getThrown().getCause().toString().contains("Clent"), "with the cause's message");
        }
    }
}
