package io.maxplatform.oauth.it;

import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.authentication.SecretHasher;
import io.maxplatform.oauth.config.DerivedKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Clients written straight into the server's database, as the admin API (or a DBA) would register them. */
public final class TestClients {

    private TestClients() {
    }

    public record Registered(String clientId, String secret) {
    }

    /** A new active service client with a generated secret and a unique id starting with {@code prefix}. */
    public static Registered register(String prefix, List<String> allowed, List<String> defaults) {
        return register(prefix, allowed, defaults, true, null);
    }

    public static Registered register(String prefix, List<String> allowed, List<String> defaults, boolean active,
                                      Integer tokenLifetimeSeconds) {
        String clientId = prefix + "-" + SecretGenerator.randomToken(6).toLowerCase().replaceAll("[^a-z0-9]", "x");
        String secret = SecretGenerator.generate();
        SecretHasher hasher = new SecretHasher(DerivedKeys.derive(System.getenv("SECRET_KEY"), DerivedKeys.CLIENT_SECRET_HASHING));
        try (Connection c = TestDatabase.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO oauth_clients (client_id, client_name, "
                     + "client_secret_hash, allowed_scopes, default_scopes, is_active, token_lifetime_seconds) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, clientId);
            insert.setString(2, "Test client " + prefix);
            insert.setString(3, hasher.hashGenerated(secret));
            insert.setArray(4, c.createArrayOf("text", allowed.toArray()));
            insert.setArray(5, c.createArrayOf("text", defaults.toArray()));
            insert.setBoolean(6, active);
            insert.setObject(7, tokenLifetimeSeconds);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        SuiteSecrets.add(secret);
        SuiteSecrets.add(hasher.hashGenerated(secret));
        return new Registered(clientId, secret);
    }

    public static long count(String sql, Object... parameters) {
        try (Connection c = TestDatabase.connect(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
