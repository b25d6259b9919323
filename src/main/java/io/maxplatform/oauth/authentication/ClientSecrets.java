package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.client.ClientSecretRepository;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.config.DerivedKeys;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies presented secrets against stored hashes. A successful slow (PBKDF2) verification is remembered
 * as a keyed digest of the secret, tied to the stored hash it was checked against, so it no longer counts
 * once the client's secret changes (src/site/markdown/operators.md, "Rotating secrets and keys"). Nothing here holds a secret in plain text.
 */
@ApplicationScoped
public class ClientSecrets {

    @Inject
    ServerSettings settings;

    @Inject
    ClientSecretRepository history;

    @Inject
    SecretUsage usage;

    private SecretHasher hasher;
    private final Map<String, RememberedVerification> remembered = new ConcurrentHashMap<>();

    private record RememberedVerification(String storedHash, byte[] secretMac) {
    }

    private SlowVerificationBudget budget;

    @PostConstruct
    void init() {
        hasher = new SecretHasher(DerivedKeys.derive(settings.secretKey(), DerivedKeys.CLIENT_SECRET_HASHING));
        budget = new SlowVerificationBudget(settings.slowVerificationsPerSecond(), settings.slowVerificationsBurst(),
                Clock.systemUTC());
    }

    /** For the server's own use (start-up): no budget. */
    public boolean matches(RegisteredClient client, String presentedSecret) {
        return matches(client, presentedSecret, false);
    }

    /**
     * For a request: the current secret, else an earlier one inside its grace period; the one that matched
     * is marked used. A slow verification that is not remembered must fit the server-wide budget.
     *
     * @throws OAuthException 429 when the budget is spent; not the client's failure, so not counted against it
     */
    boolean verify(RegisteredClient client, String presentedSecret) {
        if (matches(client, presentedSecret, true)) {
            usage.used(client.clientId(), client.secretHash());
            return true;
        }
        // Earlier secrets are server-generated (fast to check); looked up only when the current one fails.
        for (String earlier : history.hashesInGrace(client.clientId())) {
            if (!SecretHasher.isSlow(earlier) && hasher.matches(presentedSecret, earlier)) {
                usage.used(client.clientId(), earlier);
                return true;
            }
        }
        return false;
    }

    private boolean matches(RegisteredClient client, String presentedSecret, boolean withinBudget) {
        String stored = client.secretHash();
        if (!SecretHasher.isSlow(stored)) {
            return hasher.matches(presentedSecret, stored);
        }
        byte[] mac = hasher.mac(presentedSecret);
        RememberedVerification known = remembered.get(client.clientId());
        if (known != null && known.storedHash().equals(stored) && MessageDigest.isEqual(known.secretMac(), mac)) {
            return true;
        }
        if (withinBudget && !budget.tryAcquire()) {
            throw OAuthException.busy();
        }
        boolean matches = hasher.matches(presentedSecret, stored);
        if (matches) {
            remembered.put(client.clientId(), new RememberedVerification(stored, mac));
        }
        return matches;
    }

    /**
     * Remembers that {@code secret} is the client's (the server just stored its hash itself), so its first
     * request needs no slow verification, and so no share of the budget that strangers can spend.
     */
    public void remember(RegisteredClient client, String secret) {
        if (SecretHasher.isSlow(client.secretHash())) {
            remembered.put(client.clientId(), new RememberedVerification(client.secretHash(), hasher.mac(secret)));
        }
    }

    /**
     * Spends about the time of a failed verification, the look-up of earlier secrets included, so an unknown
     * client id answers like a wrong secret (no enumeration by timing).
     */
    void matchNothing(String clientId, String presentedSecret) {
        matchNothing(presentedSecret);
        history.hashesInGrace(clientId);
    }

    /** The same without the look-up, for a text that cannot be a client id (and must not reach the database). */
    void matchNothing(String presentedSecret) {
        hasher.matches(presentedSecret, "hmac-sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    public String hashGenerated(String secret) {
        return hasher.hashGenerated(secret);
    }

    public String hashChosen(String secret) {
        return hasher.hashChosen(secret);
    }
}
