package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (the IT classes are ordered by {@code @Order}): the logs of every server the suite started, and
 * the audit trail, hold none of the secrets, secret hashes and tokens the suite used (security case F6).
 */
@Order(Integer.MAX_VALUE)
class SecretsNeverLeakIT {

    private static Set<String> storedHashes() throws SQLException {
        Set<String> hashes = new HashSet<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT client_secret_hash FROM oauth_clients WHERE client_secret_hash IS NOT NULL"
                     + " UNION SELECT secret_hash FROM oauth_client_secrets WHERE secret_hash LIKE '%$%'")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
                // The digest alone, without the scheme prefix, must not appear either.
                String hash = rows.getString(1);
                hashes.add(hash.substring(hash.lastIndexOf('$') + 1));
            }
        }
        return hashes;
    }

    @Test
    void noSecretHashOrTokenIsInAnyServerLogOrAuditRow() throws Exception {
        Set<String> secrets = new HashSet<>(SuiteSecrets.all());
        secrets.add(ServerHttp.BOOTSTRAP_SECRET);
        secrets.add(RestartIT.ROTATED_SECRET);
        secrets.addAll(storedHashes());
        assertTrue(secrets.size() > 50, "the suite handled secrets and tokens: " + secrets.size());

        List<Path> logs;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("it.logs")))) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        // Payara Micro's own and the crash test's by default; the server's log under -Ppayara-server / -Pwildfly.
        for (String expected : System.getProperty("it.expected.logs", "payara.log,crash-it.log").split(",")) {
            assertTrue(logs.stream().anyMatch(log -> log.getFileName().toString().equals(expected)),
                    expected + " in " + System.getProperty("it.logs") + ": " + logs);
        }
        List<String> leaks = new ArrayList<>();
        long logBytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            logBytes += text.length();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(log.getFileName() + " holds " + secret.substring(0, 6) + "…");
                }
            }
        }
        assertTrue(logBytes > 10_000, "logs were written: " + logBytes + " characters");
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT concat_ws(' ', action, client_id, error_code, reason, detail, target, "
                     + "scope, token_id, source_address) FROM oauth_audit_logs")) {
            while (rows.next()) {
                String row = rows.getString(1);
                for (String secret : secrets) {
                    if (row.contains(secret)) {
                        leaks.add("an audit row holds " + secret.substring(0, 6) + "…");
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }
}
