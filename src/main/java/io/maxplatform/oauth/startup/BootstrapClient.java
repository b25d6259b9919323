package io.maxplatform.oauth.startup;

import io.maxplatform.oauth.authentication.ClientSecrets;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.client.SecretRotation;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The service client named by {@code SERVICE_CLIENT_ID}: created at first start, and kept in line with the
 * environment at every start (its secret and allowed scopes), so rotating {@code SERVICE_CLIENT_SECRET} is
 * a restart. An existing client's active flag is left as an administrator set it.
 */
@ApplicationScoped
public class BootstrapClient {

    private static final Logger LOG = Logger.getLogger(BootstrapClient.class.getName());

    @Inject
    ServerSettings settings;

    @Inject
    ClientRepository clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    SecretRotation secretRotation;

    /** Called in a transaction that holds the {@link StartupLock}. */
    @Transactional
    public void ensure() {
        String id = settings.bootstrapClientId();
        requireUsableId(id);
        String secret = settings.bootstrapClientSecret();
        List<String> scopes = settings.bootstrapClientScopes();
        clients.find(id).ifPresentOrElse(client -> {
            if (!secrets.matches(RegisteredClient.of(client), secret)) {
                String previousHash = client.secretHash();
                client.replaceSecret(secrets.hashChosen(secret));
                clients.flush();
                secretRotation.replaced(client, previousHash, Duration.ZERO);
                secrets.remember(RegisteredClient.of(client), secret);
                LOG.info("Bootstrap client " + id + ": secret changed from SERVICE_CLIENT_SECRET");
            }
            if (!client.allowedScopes().equals(scopes) || !client.defaultScopes().equals(scopes)) {
                client.changeScopes(scopes, scopes);
                clients.flush(); // now, while the transaction is active: caches drop the client after its commit
                LOG.info("Bootstrap client " + id + ": allowed scopes set to " + String.join(" ", scopes));
            }
        }, () -> {
            Client created = new Client(id, "MAX Platform service client", secrets.hashChosen(secret), scopes, scopes);
            clients.add(created);
            clients.flush();
            secretRotation.first(created);
            secrets.remember(RegisteredClient.of(created), secret);
            LOG.info("Bootstrap client " + id + " created with scopes " + String.join(" ", scopes));
        });
    }

    /**
     * The id need not follow the admin API's rule for new ids, but it must be one the token endpoint accepts
     * (RFC 6749 Appendix A.1), or the client would exist and never authenticate.
     */
    static void requireUsableId(String id) {
        if (!ClientId.mayNameAClient(id)) {
            throw new IllegalStateException("SERVICE_CLIENT_ID must be 1 to " + ClientId.MAX_LENGTH + " printable ASCII "
                    + "characters (RFC 6749 Appendix A.1): no client could authenticate with this one.");
        }
    }
}
