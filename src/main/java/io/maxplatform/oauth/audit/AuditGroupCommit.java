package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.DatabaseErrors;
import io.maxplatform.oauth.error.DatabaseOutage;
import io.maxplatform.oauth.error.DatabaseUnavailable;
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

    /**
     * The statement the writer runs, once per batch: the batch's rows as arrays, one INSERT for all of them, so the
     * rollups' statement trigger (release 1.7) counts the whole batch in one upsert per rollup. Public so that
     * {@code mvn -Pbench} measures PostgreSQL with the same statement.
     */
    public static final String INSERT = "INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason,"
            + " detail, target, scope, token_id, source_address, audience, created_at)"
            + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::text[],"
            + " ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::text[], ?::timestamptz[])";

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
        DatabaseUnavailable stopped = new DatabaseUnavailable(DatabaseOutage.SERVER_STOPPING, "The server is stopping");
        for (Pending left; (left = queue.poll()) != null; ) {
            left.committed().completeExceptionally(stopped);
        }
    }

    /**
     * Returns once {@code entry} is committed.
     *
     * @throws DatabaseUnavailable the batch with this row failed for want of the database, or the row did not
     *                             commit in time (the request then answers 503; the row may still commit, so a
     *                             refused token can have a row)
     * @throws RuntimeException     the batch failed for another reason (the server's bug: 500)
     */
    void append(AuditLogEntry entry) {
        if (!running) {
            throw new DatabaseUnavailable(DatabaseOutage.SERVER_STOPPING, "The server is stopping");
        }
        if (!writer.isAlive()) {
            throw new IllegalStateException("The audit writer has stopped");
        }
        Pending mine = new Pending(entry, new CompletableFuture<>());
        queue.add(mine);
        try {
            mine.committed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            // Given up: the writer skips it unless it is already in a batch being written.
            mine.committed().cancel(false);
            throw new DatabaseUnavailable(DatabaseOutage.AUDIT_ROW_LATE,
                    "The audit row was not committed within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            mine.committed().cancel(false);
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailable(DatabaseOutage.SERVER_STOPPING, "Interrupted while the audit row was written", e);
        }
    }

    /**
     * The writer's failure as the request's: an outage as {@link DatabaseUnavailable} (also when it reached the
     * writer wrapped by the transaction manager, e.g. {@code TransactionalException} ← {@code XAException} when
     * the database went away during the commit); anything else as it was: a value the request carried is its
     * 400, a row the database refused for a rule of its own (a constraint, a trigger's {@code RAISE}) a 500.
     */
    private static RuntimeException failed(Throwable writerFailure) {
        return DatabaseErrors.outage(writerFailure)
                .<RuntimeException>map(outage -> new DatabaseUnavailable(outage, "Audit rows not written", writerFailure))
                .orElseGet(() -> writerFailure instanceof RuntimeException failure
                        ? failure : new IllegalStateException("Audit rows not written", writerFailure));
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
                FailureLog.warning(LOG, "Audit group commit failed unexpectedly", unexpected);
                IllegalStateException failed = new IllegalStateException("Audit rows not written", unexpected);
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
            bind(connection, insert, batch.stream().map(Pending::entry).toList());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Audit rows not written", e);
        }
    }

    /** Binds {@code entries} to {@link #INSERT}: one array per column. */
    public static void bind(Connection connection, PreparedStatement insert, List<AuditLogEntry> entries) throws SQLException {
        int n = entries.size();
        String[] action = new String[n], clientId = new String[n], errorCode = new String[n], reason = new String[n],
                detail = new String[n], target = new String[n], scope = new String[n], tokenId = new String[n],
                sourceAddress = new String[n], audience = new String[n], createdAt = new String[n];
        Boolean[] success = new Boolean[n];
        for (int i = 0; i < n; i++) {
            AuditLogEntry e = entries.get(i);
            action[i] = e.action();
            clientId[i] = e.clientId();
            success[i] = e.success();
            errorCode[i] = e.errorCode();
            reason[i] = e.reason();
            detail[i] = e.detail();
            target[i] = e.target();
            scope[i] = e.scope();
            tokenId[i] = e.tokenId();
            sourceAddress[i] = e.sourceAddress();
            audience[i] = e.audience();
            createdAt[i] = e.createdAt().toString();
        }
        insert.setArray(1, connection.createArrayOf("varchar", action));
        insert.setArray(2, connection.createArrayOf("varchar", clientId));
        insert.setArray(3, connection.createArrayOf("bool", success));
        insert.setArray(4, connection.createArrayOf("varchar", errorCode));
        insert.setArray(5, connection.createArrayOf("varchar", reason));
        insert.setArray(6, connection.createArrayOf("text", detail));
        insert.setArray(7, connection.createArrayOf("varchar", target));
        insert.setArray(8, connection.createArrayOf("text", scope));
        insert.setArray(9, connection.createArrayOf("varchar", tokenId));
        insert.setArray(10, connection.createArrayOf("varchar", sourceAddress));
        insert.setArray(11, connection.createArrayOf("text", audience));
        insert.setArray(12, connection.createArrayOf("text", createdAt));
    }
}
