package io.maxplatform.oauth.health;

import io.maxplatform.oauth.config.ConnectionPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is DOWN (503) while PostgreSQL cannot be reached: the server cannot issue or audit
 * tokens then, so a load balancer should send clients elsewhere. Liveness stays UP, so an orchestrator does
 * not restart servers that would only wait for the same database.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int TIMEOUT_SECONDS = 2;

    @Inject
    ConnectionPool pool;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = pool.dataSource().getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
