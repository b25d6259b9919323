package io.maxplatform.oauth.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's configuration, read once. Environment variables map to these keys as MicroProfile Config
 * does ({@code SERVICE_CLIENT_ID} → {@code service.client.id}); {@link #validate()} refuses a configuration
 * the server must not run with.
 */
@ApplicationScoped
public class ServerSettings {

    /** Below this a server secret is a password, not a key (the guide's placeholder is 20 characters). */
    static final int MIN_SECRET_KEY_LENGTH = 32;
    /** A bootstrap secret that guards admin:* scopes is at least this long (about 190 bits in base64). */
    static final int MIN_ADMIN_SECRET_LENGTH = 32;
    /** The guide's published development secret: anyone who read the guide knows it. */
    static final String GUIDE_DEVELOPMENT_SECRET = "service_maxplatform_2025_dev_secret";

    @Inject
    @ConfigProperty(name = "service.client.id", defaultValue = "maxplatform-service")
    String bootstrapClientId;

    @Inject
    @ConfigProperty(name = "service.client.secret")
    Optional<String> bootstrapClientSecret;

    @Inject
    @ConfigProperty(name = "service.client.scopes", defaultValue = "admin:oauth admin:users admin:system")
    String bootstrapClientScopes;

    @Inject
    @ConfigProperty(name = "service.token.expire.hours", defaultValue = "24")
    double tokenExpireHours;

    @Inject
    @ConfigProperty(name = "secret.key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "algorithm", defaultValue = "RS256")
    String algorithm;

    @Inject
    @ConfigProperty(name = "jwks.max.age.seconds", defaultValue = "300")
    int jwksMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "signing.key.rotation.days", defaultValue = "90")
    int signingKeyRotationDays;

    /** Set by the quick start and the tests only: accept the guide's development secret for the bootstrap client. */
    @Inject
    @ConfigProperty(name = "allow.development.secrets", defaultValue = "false")
    boolean allowDevelopmentSecrets;

    @Inject
    @ConfigProperty(name = JwtVerificationConfigSource.ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "audit.retention.days", defaultValue = "365")
    int auditRetentionDays;

    @Inject
    @ConfigProperty(name = "audit.retention.mode", defaultValue = "drop")
    String auditRetentionMode;

    @Inject
    @ConfigProperty(name = "cleanup.interval.seconds", defaultValue = "3600")
    long cleanupIntervalSeconds;

    @Inject
    @ConfigProperty(name = JwtVerificationConfigSource.AUDIENCES)
    String audience;

    /** Fails with a message naming the variable to fix; called before the server serves anything. */
    public void validate() {
        if (!List.of("RS256", "ES256").contains(algorithm)) {
            throw new IllegalStateException("ALGORITHM=" + algorithm + " is not supported: use RS256 (default) or ES256. "
                    + "HS256 would need the signing secret shared with every service that verifies tokens "
                    + "(RFC 8725 §3.5), and MicroProfile JWT verifies only RS256 and ES256.");
        }
        if (secretKey.isEmpty()) {
            throw new IllegalStateException("SECRET_KEY is not set. It encrypts the signing keys and keys the secret "
                    + "hashes; set it to at least " + MIN_SECRET_KEY_LENGTH + " random characters (openssl rand -base64 48).");
        }
        if (secretKey.get().length() < MIN_SECRET_KEY_LENGTH) {
            throw new IllegalStateException("SECRET_KEY is shorter than " + MIN_SECRET_KEY_LENGTH
                    + " characters; use a random value (openssl rand -base64 48).");
        }
        if (bootstrapClientSecret.isEmpty()) {
            throw new IllegalStateException("SERVICE_CLIENT_SECRET is not set: the bootstrap client "
                    + bootstrapClientId + " needs a secret.");
        }
        boolean guardsAdmin = bootstrapClientScopes().stream().anyMatch(scope -> scope.startsWith("admin:"));
        String secret = bootstrapClientSecret.get();
        if (guardsAdmin && !allowDevelopmentSecrets
                && (secret.equals(GUIDE_DEVELOPMENT_SECRET) || secret.length() < MIN_ADMIN_SECRET_LENGTH)) {
            throw new IllegalStateException("SERVICE_CLIENT_SECRET must be at least " + MIN_ADMIN_SECRET_LENGTH
                    + " random characters and not the guide's development secret, as the bootstrap client "
                    + bootstrapClientId + " holds admin:* scopes (openssl rand -base64 32). "
                    + "Only a development server may set ALLOW_DEVELOPMENT_SECRETS=true to accept it.");
        }
        if (!(tokenExpireHours > 0) || tokenExpireHours > 24 * 366) {
            throw new IllegalStateException("SERVICE_TOKEN_EXPIRE_HOURS must be a positive number of hours.");
        }
        if (jwksMaxAgeSeconds < 1 || jwksMaxAgeSeconds > 3600) {
            throw new IllegalStateException("JWKS_MAX_AGE_SECONDS must be from 1 to 3600: verifiers cache the key set that "
                    + "long, and a new key is published that long (and a little more) before it signs.");
        }
        if (signingKeyRotationDays < 0 || signingKeyRotationDays > 3660) {
            throw new IllegalStateException("SIGNING_KEY_ROTATION_DAYS must be a number of days from 0 (rotate only when "
                    + "an administrator asks) to 3660.");
        }
        if (auditRetentionDays < 0 || auditRetentionDays > 36_600) {
            throw new IllegalStateException("AUDIT_RETENTION_DAYS must be a number of days from 1 to 36600, or 0 to keep"
                    + " every audit row.");
        }
        if (!List.of("drop", "detach").contains(auditRetentionMode)) {
            throw new IllegalStateException("AUDIT_RETENTION_MODE must be drop (a day's audit partition is dropped once"
                    + " past the retention) or detach (it is detached, for a DBA to archive and drop).");
        }
        if (cleanupIntervalSeconds < 1 || cleanupIntervalSeconds > 86_400) {
            throw new IllegalStateException("CLEANUP_INTERVAL_SECONDS must be from 1 to 86400.");
        }
    }

    /** Days an audit row is kept; 0 keeps every row. */
    public int auditRetentionDays() {
        return auditRetentionDays;
    }

    /** Whether a partition past the retention is detached for a DBA to archive, rather than dropped. */
    public boolean auditRetentionDetaches() {
        return auditRetentionMode.equals("detach");
    }

    /** How often the scheduled clean-up and the audit partitions' upkeep run. */
    public Duration cleanupInterval() {
        return Duration.ofSeconds(cleanupIntervalSeconds);
    }

    public String bootstrapClientId() {
        return bootstrapClientId;
    }

    public String bootstrapClientSecret() {
        return bootstrapClientSecret.orElseThrow();
    }

    public List<String> bootstrapClientScopes() {
        return List.of(bootstrapClientScopes.strip().split(" +"));
    }

    public Duration tokenLifetime() {
        return Duration.ofSeconds(Math.round(tokenExpireHours * 3600));
    }

    /** How long verifiers may cache the JWKS, and so how far ahead of its first token a new key is published. */
    public int jwksMaxAgeSeconds() {
        return jwksMaxAgeSeconds;
    }

    /** Days between scheduled signing-key rotations; 0: only when an administrator asks. */
    public int signingKeyRotationDays() {
        return signingKeyRotationDays;
    }

    public String secretKey() {
        return secretKey.orElseThrow();
    }

    public String algorithm() {
        return algorithm;
    }

    /** The {@code iss} of every token and the metadata's {@code issuer}: {@code PUBLIC_URL} + {@code /api/oauth}. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of every token, and the audience this server's own admin API accepts. */
    public String audience() {
        return audience;
    }
}
