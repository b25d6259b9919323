package io.maxplatform.oauth.config;

import io.maxplatform.oauth.client.BootstrapClient;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.scope.ScopeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Start-up, in order, before the application serves a request: refuse a bad configuration, apply the
 * schema, load the scope registry, create or update the bootstrap client, load or create the signing key.
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

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        settings.validate();
        schema.migrate();
        scopes.load();
        for (String scope : settings.bootstrapClientScopes()) {
            if (!scopes.policy().exists(scope)) {
                throw new IllegalStateException("SERVICE_CLIENT_SCOPES names an unknown scope: " + scope);
            }
        }
        bootstrapClient.ensure();
        keys.initialize();
        LOG.info("Service-token server ready: issuer " + settings.issuer() + ", audience " + settings.audience()
                + ", bootstrap client " + settings.bootstrapClientId() + ", " + settings.algorithm() + " key "
                + keys.active().kid());
    }
}
