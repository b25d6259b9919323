package io.maxplatform.oauth.testdb;

import jakarta.persistence.EntityManager;
import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link EntityManager} that runs a repository's native queries, exactly as the repository writes them and
 * binds their parameters, over one JDBC connection: what a repository of native SQL does is then tested against
 * PostgreSQL without an application server. Only {@code createNativeQuery(String)} and, on the query,
 * {@code setParameter(int, Object)}, {@code getResultList()}, {@code getSingleResult()} and
 * {@code executeUpdate()} are supported; anything else fails the test loudly.
 *
 * <p>Positional parameters {@code ?1 … ?n} become JDBC's {@code ?} in order of appearance, a parameter used
 * twice is bound twice (what the JPA provider does); results follow JPA's rules for native queries: a row of
 * several columns is an {@code Object[]}, a row of one column its value.
 */
public final class NativeQueries {

    private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");

    private NativeQueries() {
    }

    public static EntityManager over(Connection connection) {
        return proxy(EntityManager.class, (self, method, args) -> {
            if (method.getName().equals("createNativeQuery") && args.length == 1) {
                return query(connection, (String) args[0]);
            }
            return unsupported(method);
        });
    }

    private static Query query(Connection connection, String sql) {
        List<Integer> order = new ArrayList<>();
        Matcher positional = POSITIONAL.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (positional.find()) {
            order.add(Integer.parseInt(positional.group(1)));
            positional.appendReplacement(jdbc, "?");
        }
        positional.appendTail(jdbc);
        Map<Integer, Object> parameters = new HashMap<>();
        return proxy(Query.class, new InvocationHandler() {
            @Override
            public Object invoke(Object self, Method method, Object[] args) throws SQLException {
                switch (method.getName()) {
                    case "setParameter":
                        if (args.length == 2 && args[0] instanceof Integer position) {
                            parameters.put(position, args[1]);
                            return self;
                        }
                        return unsupported(method);
                    case "executeUpdate":
                        try (PreparedStatement statement = prepared()) {
                            return statement.executeUpdate();
                        }
                    case "getResultList":
                        return rows();
                    case "getSingleResult":
                        List<Object> rows = rows();
                        if (rows.isEmpty()) {
                            throw new NoResultException(sql);
                        }
                        if (rows.size() > 1) {
                            throw new NonUniqueResultException(sql);
                        }
                        return rows.get(0);
                    default:
                        return unsupported(method);
                }
            }

            private PreparedStatement prepared() throws SQLException {
                PreparedStatement statement = connection.prepareStatement(jdbc.toString());
                for (int i = 0; i < order.size(); i++) {
                    if (!parameters.containsKey(order.get(i))) {
                        statement.close();
                        throw new PersistenceException("parameter ?" + order.get(i) + " is not set: " + sql);
                    }
                    statement.setObject(i + 1, parameters.get(order.get(i)));
                }
                return statement;
            }

            private List<Object> rows() throws SQLException {
                try (PreparedStatement statement = prepared(); ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    List<Object> rows = new ArrayList<>();
                    while (result.next()) {
                        if (columns == 1) {
                            rows.add(result.getObject(1));
                        } else {
                            Object[] row = new Object[columns];
                            for (int c = 0; c < columns; c++) {
                                row[c] = result.getObject(c + 1);
                            }
                            rows.add(row);
                        }
                    }
                    return rows;
                }
            }
        });
    }

    private static Object unsupported(Method method) {
        throw new UnsupportedOperationException("NativeQueries does not support " + method);
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler withObjectMethods = (self, method, args) -> switch (method.getName()) {
            case "toString" -> method.getParameterCount() == 0 ? "NativeQueries " + type.getSimpleName() : handler.invoke(self, method, args);
            case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(self) : handler.invoke(self, method, args);
            case "equals" -> method.getParameterCount() == 1 ? self == args[0] : handler.invoke(self, method, args);
            default -> handler.invoke(self, method, args);
        };
        return type.cast(Proxy.newProxyInstance(NativeQueries.class.getClassLoader(), new Class<?>[] {type}, withObjectMethods));
    }
}
