package io.maxplatform.oauth.cluster;

import io.maxplatform.oauth.config.ConnectionPool;
import io.maxplatform.oauth.config.DatabaseChange;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What other instances on the same database change, as it commits: one connection LISTENs on the channel the
 * changelog's triggers NOTIFY (release 1.5), and each announced change is fired as a CDI {@link DatabaseChange}
 * event for the in-memory views to refresh themselves. PostgreSQL delivers a notification only when its
 * transaction commits, to every listening session, in commit order. When the connection fails, the feed
 * reconnects every second and then fires {@link DatabaseChange#EVERYTHING}, since changes made meanwhile were
 * not heard. An instance's own changes come back too; refreshing twice is harmless.
 */
@ApplicationScoped
public class DatabaseChangeFeed {

    private static final Logger LOG = Logger.getLogger(DatabaseChangeFeed.class.getName());
    static final String CHANNEL = "maxplatform_changes";
    private static final int POLL_MILLIS = 500;

    @Inject
    ConnectionPool pool;

    @Inject
    Event<DatabaseChange> changes;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private volatile boolean running;
    private Thread listener;

    /**
     * Listens before returning, so that views loaded afterwards miss nothing; the database must be reachable
     * (start-up has just migrated the schema).
     */
    public void start() {
        Connection first;
        try {
            first = listening();
            if (!first.isWrapperFor(PGConnection.class)) {
                // The pool's driver is not the application's copy (WildFly's driver module): its notifications
                // cannot be read through this class. One instance needs none; several see changes late.
                LOG.warning("Changes made by other instances on this database are not heard (the pool's PostgreSQL"
                        + " driver is not the application's): run one instance on this server");
                closed(first);
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot listen for changes made by other instances", e);
        }
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
            listen.execute("LISTEN " + CHANNEL);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void listenUntilStopped(Connection first) {
        Connection connection = first;
        boolean warned = false; // once per interruption, not every second of an outage
        while (running) {
            try {
                if (connection == null) {
                    connection = listening();
                    LOG.info("Listening for other instances' changes again; re-reading what may have changed meanwhile");
                    warned = false;
                    publish(DatabaseChange.EVERYTHING);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        publish(DatabaseChange.parse(notification.getParameter()));
                    }
                }
            } catch (SQLException lost) {
                if (running && !warned) {
                    LOG.warning("Not listening for other instances' changes (" + lost.getClass().getSimpleName()
                            + "); trying again every second");
                    warned = true;
                }
                connection = closed(connection);
                pause();
            }
        }
        closed(connection);
    }

    private void publish(DatabaseChange change) {
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            // A view that failed to refresh is told again by the next change or reconnection.
            LOG.log(Level.WARNING, "Refreshing after a change to " + change.table() + " failed: " + e.getClass().getSimpleName());
        }
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
