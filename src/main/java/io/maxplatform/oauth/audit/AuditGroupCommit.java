package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.DatabaseErrors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for the rows of answers (an issued token, an introspection, a read of the admin API): the rows
 * of concurrent requests commit in one transaction, one WAL flush and one round trip for all of them instead
 * of one each. Each request still returns only after its own row has committed.
 * <p>
 * Requests queue their rows and wait; one writer thread takes everything queued, inserts it as one JDBC batch,
 * commits, and releases those requests. While it writes, the next batch gathers. Under no load a batch is one
 * row and costs what a row of its own did.
 */
@ApplicationScoped
public class AuditGroupCommit {

    private static final Logger LOG = Logger.getLogger(AuditGroupCommit.class.getName());

    /** How long a request waits for its row: longer than a statement may run (4 s) plus a connection wait (5 s). */
    static final long WAIT_SECONDS = 10;
    static final int MAX_BATCH = 500;

    /** The statement the writer batches; public so that {@code mvn -Pbench} measures PostgreSQL with the same one. */
    public static final String INSERT = "INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason,"
            + " detail, target, scope, token_id, source_address, audience, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    InTransaction transaction;

    @Inject
    ConnectionPool pool;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private record Pending(AuditLogEntry entry, CompletableFuture<Void> committed) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void start() {
        writer = threads.newThread(this::writeUntilStopped);
        writer.setName("audit-group-commit");
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PersistenceException stopped = new PersistenceException("The server is stopping");
        for (Pending left; (left = queue.poll()) != null; ) {
            left.committed().completeExceptionally(stopped);
        }
    }

    /**
     * Returns once {@code entry} is committed.
     *
     * @throws PersistenceException the batch with this row failed, or it did not commit in time (the request
     *                              then answers 503; the row may still commit, so a refused token can have a row)
     */
    void append(AuditLogEntry entry) {
        if (!running || !writer.isAlive()) {
            throw new PersistenceException(running ? "The audit writer has stopped" : "The server is stopping");
        }
        Pending mine = new Pending(entry, new CompletableFuture<>());
        queue.add(mine);
        try {
            mine.committed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new PersistenceException(e.getCause());
        } catch (TimeoutException e) {
            // Given up: the writer skips it unless it is already in a batch being written.
            mine.committed().cancel(false);
            throw new PersistenceException("The audit row was not committed within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            mine.committed().cancel(false);
            Thread.currentThread().interrupt();
            throw new PersistenceException("Interrupted while the audit row was written", e);
        }
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                // Rows whose requests gave up (answered 503) are not written: no row for a token never sent.
                batch.removeIf(pending -> pending.committed().isDone());
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                // Only stop() ends the writer; a stray interrupt must not stop every answer until a restart.
                if (!running) {
                    return;
                }
            } catch (RuntimeException | Error unexpected) {
                // The writer must outlive any one batch; the batch's requests learn that their rows failed.
                LOG.log(Level.WARNING, "Audit group commit failed unexpectedly", unexpected);
                PersistenceException failed = new PersistenceException("Audit rows not written", unexpected);
                batch.forEach(pending -> pending.committed().completeExceptionally(failed));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * One transaction for the batch: every row commits, or every request learns that its row failed. A row
     * the database refuses for what it holds must not fail its neighbours: then each is tried alone. A failure
     * of the database itself fails the batch at once (trying 500 rows alone against a stalled server would
     * hold their requests for minutes).
     */
    private void write(List<Pending> batch) {
        try {
            transaction.runOnItsOwn(() -> insert(batch));
        } catch (RuntimeException failed) {
            if (batch.size() > 1 && DatabaseErrors.isRefusedRow(failed)) {
                batch.forEach(pending -> write(List.of(pending)));
            } else {
                batch.forEach(pending -> pending.committed().completeExceptionally(failed));
            }
            return;
        }
        batch.forEach(pending -> pending.committed().complete(null));
    }

    private void insert(List<Pending> batch) {
        try (Connection connection = pool.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending pending : batch) {
                AuditLogEntry e = pending.entry();
                insert.setString(1, e.action());
                insert.setString(2, e.clientId());
                insert.setBoolean(3, e.success());
                insert.setString(4, e.errorCode());
                insert.setString(5, e.reason());
                insert.setString(6, e.detail());
                insert.setString(7, e.target());
                insert.setString(8, e.scope());
                insert.setString(9, e.tokenId());
                insert.setString(10, e.sourceAddress());
                insert.setString(11, e.audience());
                insert.setObject(12, e.createdAt());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Audit rows not written", e);
        }
    }
}
