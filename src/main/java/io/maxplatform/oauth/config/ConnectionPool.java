package io.maxplatform.oauth.config;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The application's PostgreSQL connection pool. The pool itself is each server's business, declared in
 * deployment descriptors rather than code:
 * <ul>
 *   <li>Payara (Micro and Server): {@code WEB-INF/glassfish-resources.xml} defines it from MicroProfile
 *       Config ({@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}), with the time
 *       limits and connection validation the server relies on after an outage;</li>
 *   <li>WildFly: {@code server-config/wildfly/setup.cli} defines {@code java:jboss/datasources/MaxPlatformDS}
 *       and {@code WEB-INF/jboss-web.xml} binds it under this name.</li>
 * </ul>
 */
@ApplicationScoped
public class ConnectionPool {

    public static final String JNDI_NAME = "java:app/jdbc/maxplatform";

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    /**
     * Looked up once, when start-up first applies the schema: WildFly resolves {@code java:app} names only on
     * the application's own threads, not on the management thread that runs the health checks.
     */
    public DataSource dataSource() {
        return dataSource;
    }
}
