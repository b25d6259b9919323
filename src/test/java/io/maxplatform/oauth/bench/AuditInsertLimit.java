package io.maxplatform.oauth.bench;

import io.maxplatform.oauth.audit.AuditGroupCommit;
import io.maxplatform.oauth.audit.AuditLogEntry;
import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many {@code token_issued} audit rows PostgreSQL commits per second, with nothing else running: the same
 * statement the server's audit writer batches ({@link AuditGroupCommit#INSERT}), {@code writers} connections
 * (one per instance: each instance has one writer), {@code batch} rows per transaction, on the benchmark's own
 * database with its default durability (synchronous commit, fsync). The ceiling every instance together shares.
 */
final class AuditInsertLimit {

    private AuditInsertLimit() {
    }

    /** Rows committed per second. */
    static double rowsPerSecond(EmbeddedDatabase database, int writers, int batch, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            long end = System.nanoTime() + duration.toNanos();
            List<Future<Long>> written = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                written.add(threads.submit(writer(database, batch, end)));
            }
            long rows = 0;
            for (Future<Long> w : written) {
                rows += w.get();
            }
            return rows / (duration.toNanos() / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Long> writer(EmbeddedDatabase database, int batch, long end) {
        return () -> {
            long rows = 0;
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
                 PreparedStatement insert = connection.prepareStatement(AuditGroupCommit.INSERT)) {
                connection.setAutoCommit(false);
                while (System.nanoTime() < end) {
                    List<AuditLogEntry> rowsOfBatch = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        rowsOfBatch.add(new AuditLogEntry("token_issued", "bench-audit-limit", true, null, null, null, null,
                                "read:profile", UUID.randomUUID().toString(), "127.0.0.1").withAudience("https://api.maxplatform.io"));
                    }
                    AuditGroupCommit.bind(connection, insert, rowsOfBatch);
                    insert.executeUpdate();
                    connection.commit();
                    rows += batch;
                }
            }
            return rows;
        };
    }
}
