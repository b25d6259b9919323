package io.maxplatform.oauth.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the notifications pgjdbc has received on a pooled connection, whichever copy of the driver the pool
 * uses. Payara's pool uses the application's copy: {@code unwrap(PGConnection.class)} reaches it. WildFly's pool
 * uses its driver module, a copy whose {@code PGConnection} is another class to the application, so it is reached
 * through IronJacamar's {@code getUnderlyingConnection()} and called by name. Either way the same public pgjdbc
 * method, {@code PGConnection.getNotifications(int)}.
 */
final class NotificationReader {

    private final Object driverConnection;
    private final Method getNotifications;
    private final Method getParameter;

    private NotificationReader(Object driverConnection, Method getNotifications, Method getParameter) {
        this.driverConnection = driverConnection;
        this.getNotifications = getNotifications;
        this.getParameter = getParameter;
    }

    /** A reader for {@code connection}; empty when its driver is not pgjdbc or cannot be reached. */
    static Optional<NotificationReader> of(Connection connection) throws SQLException {
        Object driverConnection = driverConnection(connection);
        if (driverConnection == null) {
            return Optional.empty();
        }
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, driverConnection.getClass().getClassLoader());
            Class<?> pgNotification = Class.forName("org.postgresql.PGNotification", false, driverConnection.getClass().getClassLoader());
            if (!pgConnection.isInstance(driverConnection)) {
                return Optional.empty();
            }
            return Optional.of(new NotificationReader(driverConnection, pgConnection.getMethod("getNotifications", int.class),
                    pgNotification.getMethod("getParameter")));
        } catch (ReflectiveOperationException notPgjdbc) {
            return Optional.empty();
        }
    }

    private static Object driverConnection(Connection connection) throws SQLException {
        if (connection.isWrapperFor(org.postgresql.PGConnection.class)) {
            return connection.unwrap(org.postgresql.PGConnection.class);
        }
        try {
            // IronJacamar (WildFly): org.jboss.jca.adapters.jdbc.WrappedConnection#getUnderlyingConnection
            return connection.getClass().getMethod("getUnderlyingConnection").invoke(connection);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
    }

    /** The payloads received, waiting up to {@code timeoutMillis} for the first (pgjdbc: 0 waits for ever, -1 not at all). */
    List<String> payloads(int timeoutMillis) throws SQLException {
        try {
            Object[] notifications = (Object[]) getNotifications.invoke(driverConnection, timeoutMillis);
            List<String> payloads = new ArrayList<>();
            if (notifications != null) {
                for (Object notification : notifications) {
                    payloads.add((String) getParameter.invoke(notification));
                }
            }
            return payloads;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
    }
}
