package io.maxplatform.oauth.config;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's PostgreSQL connection pool, from {@code DATABASE_URL} (a JDBC URL),
 * {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. The {@code ${MPCONFIG=…}} form is Payara's; on other
 * servers the scripts in {@code server-config/} define a datasource under the same name instead.
 */
@DataSourceDefinition(
        name = DataSourceConfiguration.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=database.url}",
        user = "${MPCONFIG=database.user}",
        password = "${MPCONFIG=database.password}",
        minPoolSize = 4,
        maxPoolSize = 32,
        properties = {
                // Fail fast instead of holding request threads when the database is unreachable or stalls: a
                // statement waits at most 2 s for a lock and runs at most 4 s, so a request that also writes
                // its refusal row answers 503 within about 5 s; a silent server is given up after 10 s.
                // Schema migration lifts both limits on its own connection (SchemaMigration).
                "connectTimeout=5",
                "socketTimeout=10",
                "options=-c lock_timeout=2000 -c statement_timeout=4000",
                // After an outage, pooled connections are dead: check one with a real round trip before use
                // (at most every 2 s per connection) and drop the whole pool when one has failed.
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=2",
                "fish.payara.fail-all-connections=true",
                "fish.payara.max-wait-time-in-millis=5000"
        })
@ApplicationScoped
public class DataSourceConfiguration {

    public static final String JNDI_NAME = "java:app/jdbc/maxplatform";
}
