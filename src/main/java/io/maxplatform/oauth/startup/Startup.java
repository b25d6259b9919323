package io.maxplatform.oauth.startup;

import io.maxplatform.oauth.audit.AuditPartitions;
import io.maxplatform.oauth.cleanup.Cleanup;
import io.maxplatform.oauth.cluster.DatabaseChangeFeed;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.config.Setting;
import io.maxplatform.oauth.error.DatabaseOutage;
import io.maxplatform.oauth.key.SigningKeyChanges;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.metrics.ServerMetrics;
import io.maxplatform.oauth.rotation.KeyRotation;
import io.maxplatform.oauth.scope.ScopeRegistry;
import io.maxplatform.oauth.web.TrustedProxies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Start-up, in order, before the application serves a request: refuse a bad configuration, apply the
 * schema, load the scope registry and the token cut-offs and revocations, create or update the bootstrap
 * client, load or create the signing key.
 * Any failure fails the deployment: a server that cannot sign or store must not answer.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    SchemaMigration schema;

    @Inject
    ScopeRegistry scopes;

    @Inject
    BootstrapClient bootstrapClient;

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyChanges keyChanges;

    @Inject
    StartupLock startupLock;

    @Inject
    InTransaction transaction;



    @Inject
    Cleanup cleanup;

    @Inject
    AuditPartitions auditPartitions;

    @Inject
    KeyRotation keyRotation;

    @Inject
    DatabaseChangeFeed changeFeed;

    @Inject
    ServerMetrics metrics;


    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        settings.validate();
        checkTrustedProxies(settings.trustedProxies());
        metrics.expectDatabaseFailures(DatabaseOutage.reasons());
        schema.migrate();
        changeFeed.start(); // listens, then reads every view it feeds (cut-offs, revocations, throttle, keys…)
        scopes.load();
        for (String scope : settings.bootstrapClientScopes()) {
            if (!scopes.policy().exists(scope)) {
                throw new IllegalStateException("SERVICE_CLIENT_SCOPES names an unknown scope: " + scope);
            }
        }
        // Each step that may create rows runs under the lock, so nodes starting together on one database
        // find each other's rows instead of failing on a duplicate.
        transaction.run(() -> {
            startupLock.acquire();
            bootstrapClient.ensure();
            return null;
        });
        transaction.run(() -> {
            startupLock.acquire();
            keyChanges.initialize(keyRotation.longestTokenLifetimeSeconds());
            return null;
        });
        auditPartitions.start();
        cleanup.schedule();
        keyRotation.schedule();
        LOG.info("Service-token server ready: issuer " + settings.issuer() + ", audience " + settings.audience()
                + ", bootstrap client " + settings.bootstrapClientId() + ", " + settings.algorithm() + " key "
                + keys.active().kid());
    }

    /**
     * The proxy list is parsed by the web layer's own parser, which {@code config} cannot import: a malformed
     * list stops the start here, rather than failing every request that asks for the client's address.
     */
    static void checkTrustedProxies(String cidrList) {
        try {
            TrustedProxies.parse(cidrList);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TRUSTED_PROXIES must be " + Setting.TRUSTED_PROXIES.rule().allowed()
                    + " (10.0.0.0/8, fd00::/8): " + e.getMessage().replaceFirst("^TRUSTED_PROXIES: ", ""), e);
        }
    }
}
