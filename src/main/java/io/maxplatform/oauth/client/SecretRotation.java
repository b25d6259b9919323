package io.maxplatform.oauth.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A client's secrets over time. The current secret's hash sits in {@code oauth_clients} (the guide's
 * column, and the one the token endpoint reads first); its history in {@code oauth_client_secrets}. A
 * rotation with a grace period leaves the previous secret working until the grace ends, so a fleet can roll
 * over without downtime; without one, every earlier secret stops at once (a leak). Each method joins the
 * caller's transaction, after the client's own change has been flushed (its version guards concurrency).
 */
@ApplicationScoped
public class SecretRotation {

    @Inject
    ClientSecretRepository secrets;

    /** A new client's first secret. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void first(Client client) {
        if (!client.hasSecret()) {
            return; // it authenticates with a key
        }
        secrets.add(new ClientSecret(client.clientId(), client.secretHash(), client.secretRotatedAt(), null));
    }

    /**
     * Records that the client's secret was just replaced ({@link Client#replaceSecret}): the one it replaced
     * keeps working for {@code grace} (zero: not at all), and so do earlier ones inside their own grace,
     * unless there is none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaced(Client client, String previousHash, Duration grace) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime previousEnds = now.plus(grace);
        boolean previousRecorded = false;
        for (ClientSecret secret : secrets.live(client.clientId())) {
            if (secret.isCurrent()) {
                previousRecorded = true;
                secret.expireBy(previousEnds);
            } else if (grace.isZero()) {
                secret.expireBy(now);
            }
        }
        if (!previousRecorded && !grace.isZero() && previousHash != null) {
            // A client inserted with SQL has no history yet: its secret gets its grace all the same.
            secrets.add(new ClientSecret(client.clientId(), previousHash, now, previousEnds));
        }
        secrets.flush();
        secrets.add(new ClientSecret(client.clientId(), client.secretHash(), client.secretRotatedAt(), null));
    }

    /** Every secret stops working now (a deleted client). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expireAll(Client client) {
        OffsetDateTime now = OffsetDateTime.now();
        secrets.live(client.clientId()).forEach(secret -> secret.expireBy(now));
    }

    /** The secrets that still work, the current one first. */
    public List<ClientSecret> live(String clientId) {
        return secrets.live(clientId);
    }

    /** Ends an earlier secret's grace now (the current secret is replaced by a rotation instead). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retire(ClientSecret secret) {
        if (secret.isCurrent()) {
            throw new IllegalArgumentException("The current secret is replaced by a rotation, not retired");
        }
        secret.expireBy(OffsetDateTime.now());
    }
}
