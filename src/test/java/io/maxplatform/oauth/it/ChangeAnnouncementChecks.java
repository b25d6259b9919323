package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.DatabaseChange;
import io.maxplatform.oauth.config.ReplicatedTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What the changelog's triggers really announce, read from PostgreSQL itself: one trigger for each table the
 * server replicates ({@link ReplicatedTable}), on its channel, with payloads the change feed reads back as the
 * table and the row's key; and no announcement for what no view holds (a secret's {@code last_used_at}).
 */
abstract class ChangeAnnouncementChecks {

    @Test
    void everyReplicatedTableHasItsTriggerAndNoOtherTableHasOne() throws SQLException {
        Set<String> expected = Arrays.stream(ReplicatedTable.values()).filter(ReplicatedTable::isAnnouncedByTrigger)
                .map(t -> t.table() + "(" + t.keyColumn() + ")").collect(Collectors.toSet());
        Set<String> triggers = new HashSet<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT tgrelid::regclass::text, encode(tgargs, 'escape')"
                     + " FROM pg_trigger WHERE tgfoid = 'maxplatform_notify_change'::regproc")) {
            while (rows.next()) {
                triggers.add(rows.getString(1) + "(" + rows.getString(2).replace("\\000", "") + ")");
            }
        }
        assertEquals(expected, triggers);
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet source = s.executeQuery("SELECT prosrc FROM pg_proc WHERE proname = 'maxplatform_notify_change'")) {
            source.next();
            assertTrue(source.getString(1).contains("'" + ReplicatedTable.CHANNEL + "'"), "announces on " + ReplicatedTable.CHANNEL);
        }
    }

    /** A column added to the secrets later is announced too, unless someone decides otherwise: the list is checked. */
    @Test
    void theSecretsTriggerWatchesEveryColumnButLastUsedAt() throws SQLException {
        Set<String> columns = new HashSet<>();
        Set<String> watched = new HashSet<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = 'oauth_client_secrets' AND table_schema = current_schema()")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT a.attname FROM pg_trigger t"
                    + " JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr)"
                    + " WHERE t.tgname = 'tg_oauth_client_secrets_notify'")) {
                while (rows.next()) {
                    watched.add(rows.getString(1));
                }
            }
        }
        columns.remove("last_used_at");
        assertEquals(columns, watched);
    }

    @Test
    void aChangeIsAnnouncedAsItsTableAndKeyButASecretsUseIsNot() throws Exception {
        TestClients.Registered used = TestClients.register("announce-a", List.of("read:profile"), List.of("read:profile"));
        TestClients.Registered changed = TestClients.register("announce-b", List.of("read:profile"), List.of("read:profile"));
        try (Connection listener = TestDatabase.connect(); Connection writer = TestDatabase.connect();
             Statement listen = listener.createStatement(); Statement write = writer.createStatement()) {
            for (TestClients.Registered client : List.of(used, changed)) {
                write.executeUpdate("INSERT INTO oauth_client_secrets (secret_id, client_id, secret_hash)"
                        + " SELECT md5(client_id), client_id, client_secret_hash FROM oauth_clients WHERE client_id = '"
                        + client.clientId() + "'");
            }
            listen.execute("LISTEN " + ReplicatedTable.CHANNEL);

            write.executeUpdate("UPDATE oauth_client_secrets SET last_used_at = now() WHERE client_id = '" + used.clientId() + "'");
            // Delivered in commit order: if the use were announced, it would arrive before this change.
            write.executeUpdate("UPDATE oauth_client_secrets SET expires_at = NULL WHERE client_id = '" + changed.clientId()
                    + "' AND expires_at IS NULL");
            write.executeUpdate("UPDATE oauth_clients SET client_name = client_name WHERE client_id = '" + changed.clientId() + "'");

            List<DatabaseChange> heard = new ArrayList<>();
            PGConnection pg = listener.unwrap(PGConnection.class);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (heard.size() < 2 && System.nanoTime() < deadline) {
                PGNotification[] arrived = pg.getNotifications(500);
                for (PGNotification notification : arrived == null ? new PGNotification[0] : arrived) {
                    heard.add(DatabaseChange.parse(notification.getParameter()));
                }
            }
            assertEquals(List.of(new DatabaseChange(ReplicatedTable.CLIENT_SECRETS, changed.clientId()),
                    new DatabaseChange(ReplicatedTable.CLIENTS, changed.clientId())), heard);
        }
    }
}
