package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The clean-up (every 2 s on the test server) removes exactly what expired: revocations of expired tokens,
 * client secrets past their grace period and audit rows older than the 365-day retention, as a whole day's
 * partition; everything younger stays. (Signing keys: {@code KeyRotationIT}.)
 */
abstract class CleanupChecks {

    private static long count(String sql, Object... parameters) {
        return TestClients.count(sql, parameters);
    }

    @Test
    void removesExactlyWhatExpired() throws Exception {
        String marker = AdminApi.uniqueId("cleanup");
        String client = TestClients.register("cleanup", java.util.List.of("read:profile"), java.util.List.of()).clientId();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO oauth_revoked_tokens (token_id, client_id, expires_at) VALUES"
                    + " ('" + marker + "-expired', '" + client + "', now() - interval '1 day'),"
                    + " ('" + marker + "-live', '" + client + "', now() + interval '1 day')");
            s.execute("INSERT INTO oauth_audit_logs (action, client_id, success, created_at) VALUES"
                    + " ('token_issued', '" + marker + "', true, now() - interval '400 days'),"
                    + " ('token_issued', '" + marker + "', true, now() - interval '364 days'),"
                    + " ('token_issued', '" + marker + "', true, now())");
            s.execute("INSERT INTO oauth_client_secrets (secret_id, client_id, secret_hash, expires_at) VALUES"
                    + " ('" + marker + "-gone', '" + client + "', 'x', now() - interval '1 second'),"
                    + " ('" + marker + "-live', '" + client + "', 'y', now() + interval '1 day')");
        }
        String secrets = "SELECT COUNT(*) FROM oauth_client_secrets WHERE client_id = ?";
        String revocations = "SELECT COUNT(*) FROM oauth_revoked_tokens WHERE client_id = ?";
        // A revocation names a client that exists (release 1.9's foreign key): the registered one.
        String auditRows = "SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ?";

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while ((count(revocations, client) > 1 || count(auditRows, marker) > 2 || count(secrets, client) > 1)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        assertEquals(1, count(revocations, client), "only the expired revocation is gone");
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_revoked_tokens WHERE token_id = ? || '-live'", marker));
        assertEquals(2, count(auditRows, marker), "only the row past the retention is gone");
        assertEquals(1, count(secrets, client), "only the secret past its grace period is gone");
        assertEquals(1, count("SELECT COUNT(*) FROM oauth_client_secrets WHERE client_id = ? AND expires_at > now()", client));
        assertEquals(0, count("SELECT COUNT(*) FROM oauth_audit_logs WHERE client_id = ? AND created_at < now() - interval '365 days'",
                marker));
        // Gone as a whole day: the partition the old row was moved into is dropped with the day's rollup rows.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertEquals(0, count("SELECT count(*) FROM oauth_audit_partitions() WHERE partition_name = ?",
                AuditTrailChecks.partitionOf(today.minusDays(400))));
        assertEquals(0, count("SELECT count(*) FROM oauth_audit_daily_counts WHERE day = ?", today.minusDays(400)));
        assertEquals(1, count("SELECT count(*) FROM oauth_audit_partitions() WHERE partition_name = ?",
                AuditTrailChecks.partitionOf(today.minusDays(364))));
        assertEquals(count("SELECT count(*) FROM oauth_audit_logs WHERE (created_at AT TIME ZONE 'UTC')::date = ?",
                today.minusDays(364)),
                count("SELECT COALESCE(sum(events), 0) FROM oauth_audit_daily_counts WHERE day = ?", today.minusDays(364)));
    }
}
