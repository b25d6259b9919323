package io.maxplatform.oauth.testdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A connection that {@code LISTEN}s on one channel of the tests' PostgreSQL, for tests of what SQL announces.
 * {@link #received()} needs no sleep to know nothing more is coming: it sends a marker of its own on the channel
 * and reads until the marker arrives, and PostgreSQL delivers notifications in the order their transactions
 * committed, so everything committed before the call has arrived by then.
 */
public final class Notifications implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Connection connection;
    private final String channel;

    private Notifications(Connection connection, String channel) {
        this.connection = connection;
        this.channel = channel;
    }

    public static Notifications listen(String channel) throws SQLException {
        Connection connection = SchemaDatabase.connect();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        return new Notifications(connection, channel);
    }

    /** The payloads committed on the channel since the previous call (or the LISTEN), in commit order. */
    public List<String> received() throws SQLException {
        String marker = "marker-" + UUID.randomUUID();
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, marker);
            notify.execute();
        }
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        PGConnection listening = connection.unwrap(PGConnection.class);
        while (System.nanoTime() < deadline) {
            PGNotification[] arrived = listening.getNotifications(1000);
            for (PGNotification notification : arrived == null ? new PGNotification[0] : arrived) {
                if (!notification.getName().equals(channel)) {
                    continue;
                }
                if (notification.getParameter().equals(marker)) {
                    return payloads;
                }
                payloads.add(notification.getParameter());
            }
        }
        throw new AssertionError("the marker sent on " + channel + " did not come back within " + DEADLINE);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
