package io.maxplatform.oauth.cluster;

import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.DatabaseChange;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What other instances on the same database change, as it commits: one connection LISTENs on the channel the
 * changelog's triggers NOTIFY (releases 1.5 and 1.8), and each announced change is handed to the in-memory views
 * ({@link ReplicatedView}) that hold its table. PostgreSQL delivers a notification only when its
 * transaction commits, to every listening session, in commit order. When the connection fails, the feed
 * reconnects every second and then has every view reload everything, since changes made meanwhile were not heard. An instance's own changes come back too; refreshing twice is harmless.
 *
 * <p>A connection can die without telling (a half-open TCP connection hears nothing, like a quiet one), so the feed
 * also makes a round trip every second (the pool's socket time limit ends one that hangs); {@link ChangeFeedStatus} holds the last moment the
 * feed was proven listening, and the views ask the database directly when that is more than a few seconds ago.
 */
@ApplicationScoped
public class DatabaseChangeFeed {

    private static final Logger LOG = Logger.getLogger(DatabaseChangeFeed.class.getName());
    private static final int POLL_MILLIS = 500;

    @Inject
    ConnectionPool pool;

    @Inject
    @Any
    Instance<ReplicatedView> views;

    @Inject
    ChangeFeedStatus status;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private volatile boolean running;
    private Thread listener;

    /**
     * Listens, then has every view read everything, so nothing committed in between is missed; the database must
     * be reachable (start-up has just migrated the schema).
     */
    public void start() {
        listen();
        for (ReplicatedView view : views) {
            view.reloadAll();
        }
    }

    private void listen() {
        Connection first;
        try {
            first = listening();
            if (readerOrClose(first).isEmpty()) {
                // Not pgjdbc underneath, or a pool this class cannot see through: the views ask the database instead.
                LOG.warning("Changes made by other instances on this database are not heard (the pool's connection does"
                        + " not lead to pgjdbc): every client, revocation, cut-off and key is read from the database");
                closed(first);
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot listen for changes made by other instances", e);
        }
        status.listening();
        running = true;
        listener = threads.newThread(() -> listenUntilStopped(first));
        listener.setName("database-change-feed");
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private Connection listening() throws SQLException {
        Connection connection = pool.dataSource().getConnection();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + ReplicatedTable.CHANNEL);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void listenUntilStopped(Connection first) {
        Connection connection = first;
        NotificationReader notifications = null;
        boolean warned = false; // once per interruption, not every second of an outage
        while (running) {
            try {
                if (connection == null) {
                    connection = listening();
                    LOG.info("Listening for other instances' changes again; re-reading what may have changed meanwhile");
                    if (!publish(DatabaseChange.EVERYTHING)) {
                        throw new SQLException("re-reading after the interruption failed");
                    }
                    warned = false;
                    status.listening();
                }
                if (notifications == null) {
                    notifications = NotificationReader.of(connection)
                            .orElseThrow(() -> new SQLException("the pool's connection no longer leads to pgjdbc"));
                }
                boolean applied = true;
                for (int poll = 0; poll < 2 && running; poll++) {
                    applied &= publish(notifications.payloads(POLL_MILLIS));
                }
                try (Statement alive = connection.createStatement()) {
                    alive.execute("SELECT 1"); // fails within the pool's socket time limit when the connection is gone
                }
                applied &= publish(notifications.payloads(-1)); // what arrived with the round trip, without waiting
                if (!applied) {
                    // A view could not read the row it was told of (the database busy, say): the next notification
                    // names another row, so this one would stay unseen. Start again and re-read everything.
                    throw new SQLException("a change could not be applied");
                }
                status.listening();
            } catch (SQLException | RuntimeException lost) {
                // RuntimeException too: the thread must not end, or this instance would read the database for good.
                if (running && !warned) {
                    FailureLog.warning(LOG, "Not listening for other instances' changes; trying again every second", lost);
                    warned = true;
                }
                connection = closed(connection);
                notifications = null;
                pause();
            }
        }
        closed(connection);
    }

    /**
     * Whether every view applied every change. Each change once: a row changed many times in a burst (the same
     * client edited again and again, say) costs one read, so the loop stays well under the time that proves it
     * listening.
     */
    private boolean publish(List<String> payloads) {
        boolean applied = true;
        for (String payload : new LinkedHashSet<>(payloads)) {
            applied &= publish(DatabaseChange.parse(payload));
        }
        return applied;
    }

    private static Optional<NotificationReader> readerOrClose(Connection connection) throws SQLException {
        try {
            return NotificationReader.of(connection);
        } catch (SQLException | RuntimeException e) {
            closed(connection);
            throw e;
        }
    }

    /** Whether every view the change concerns refreshed itself; one that fails does not keep the others from it. */
    private boolean publish(DatabaseChange change) {
        boolean applied = true;
        for (ReplicatedView view : views) {
            try {
                if (change.isEverything()) {
                    view.reloadAll();
                } else if (view.tables().contains(change.table().get())) {
                    view.reload(change.table().get(), change.key());
                }
            } catch (RuntimeException e) {
                // The caller starts again and re-reads everything.
                FailureLog.warning(LOG, "Refreshing after a change to " + change.table().map(ReplicatedTable::table)
                        .orElse("any table") + " failed", e);
                applied = false;
            }
        }
        return applied;
    }

    private static Connection closed(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            if (!running) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
