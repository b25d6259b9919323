package io.maxplatform.oauth.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * The server's configuration, read once: every {@link Setting}, looked up in the order of configuration.md
 * ({@link SettingLookup}), typed and defaulted here, and checked by {@link #validate()} before the server
 * serves anything. Features take their values from here, never from MicroProfile Config directly, so no
 * setting can bypass the check.
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
    Config config;

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    /** MicroProfile JWT's own names ({@code mp.jwt.verify.*}): an operator may set them explicitly. */
    private Function<String, Optional<String>> mpJwt = name -> Optional.empty();
    /** Asked for on every token and metadata request: resolved once. */
    private volatile String issuer;
    private volatile String audience;

    @PostConstruct
    void read() {
        Function<String, Optional<String>> fromConfig = name -> config.getOptionalValue(name, String.class);
        load(SettingLookup.ofProcess(fromConfig));
        mpJwt = fromConfig;
    }

    private void load(SettingLookup lookup) {
        for (Setting setting : Setting.values()) {
            lookup.find(setting).ifPresent(value -> values.put(setting, value));
        }
    }

    /** Settings from {@code variables} alone (by variable name), defaults for the rest: for tests and tools. */
    public static ServerSettings of(Map<String, String> variables) {
        return read(new SettingLookup(name -> null, variables, name -> Optional.empty()));
    }

    static ServerSettings read(SettingLookup lookup) {
        ServerSettings settings = new ServerSettings();
        settings.load(lookup);
        return settings;
    }

    /**
     * Fails, naming each variable to fix with its rule (and the value, unless it is a secret); called before
     * the server serves anything. {@code TRUSTED_PROXIES} and {@code SERVICE_CLIENT_SCOPES} are checked by
     * start-up itself, by the parser and the registry that use them.
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            Optional.ofNullable(values.get(setting)).filter(value -> !setting.rule().accepts(value))
                    .ifPresent(value -> problems.add(setting.refusal(value)));
        }
        if (!values.containsKey(Setting.SECRET_KEY)) {
            problems.add("SECRET_KEY is not set. It encrypts the signing keys and keys the secret hashes; set it to at "
                    + "least " + MIN_SECRET_KEY_LENGTH + " random characters (openssl rand -base64 48).");
        }
        String secret = values.get(Setting.SERVICE_CLIENT_SECRET);
        if (secret == null) {
            problems.add("SERVICE_CLIENT_SECRET is not set: the bootstrap client " + bootstrapClientId() + " needs a secret.");
        } else if (guardsAdmin() && !"true".equalsIgnoreCase(values.get(Setting.ALLOW_DEVELOPMENT_SECRETS))
                && (secret.equals(GUIDE_DEVELOPMENT_SECRET) || secret.length() < MIN_ADMIN_SECRET_LENGTH)) {
            problems.add("SERVICE_CLIENT_SECRET must be at least " + MIN_ADMIN_SECRET_LENGTH
                    + " random characters and not the guide's development secret, as the bootstrap client "
                    + bootstrapClientId() + " holds admin:* scopes (openssl rand -base64 32). "
                    + "Only a development server may set ALLOW_DEVELOPMENT_SECRETS=true to accept it.");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
    }

    private boolean guardsAdmin() {
        return bootstrapClientScopes().stream().anyMatch(scope -> scope.startsWith("admin:"));
    }

    /** The value or its default, refused like {@link #validate()} does should it be read before (or without) it. */
    private String text(Setting setting) {
        String value = Optional.ofNullable(values.get(setting)).or(setting::defaultValue)
                .orElseThrow(() -> new IllegalStateException(setting.name() + " is not set."));
        if (!setting.rule().accepts(value)) {
            throw new IllegalStateException(setting.refusal(value));
        }
        return value;
    }

    private int integer(Setting setting) {
        return Math.toIntExact(Long.parseLong(text(setting)));
    }

    private double number(Setting setting) {
        return Double.parseDouble(text(setting));
    }

    private boolean flag(Setting setting) {
        return Boolean.parseBoolean(text(setting));
    }

    /** Days an audit row is kept; 0 keeps every row. */
    public int auditRetentionDays() {
        return integer(Setting.AUDIT_RETENTION_DAYS);
    }

    /** Whether a partition past the retention is detached for a DBA to archive, rather than dropped. */
    public boolean auditRetentionDetaches() {
        return text(Setting.AUDIT_RETENTION_MODE).equals("detach");
    }

    /** What start-up does with the schema: {@code apply}, {@code validate} or {@code off}. */
    public String schemaMigration() {
        return text(Setting.SCHEMA_MIGRATION);
    }

    /** The schema of the product's objects (the pool's {@code currentSchema} holds the same value). */
    public String databaseSchema() {
        return text(Setting.DATABASE_SCHEMA);
    }

    /** How long one statement of a migration waits for a lock before it gives up and is tried again. */
    public Duration schemaMigrationLockTimeout() {
        return Duration.ofMillis(integer(Setting.SCHEMA_MIGRATION_LOCK_TIMEOUT_MILLIS));
    }

    /** How long a migration goes on retrying changesets that could not get their locks, before the start fails. */
    public Duration schemaMigrationMaxWait() {
        return Duration.ofSeconds(integer(Setting.SCHEMA_MIGRATION_MAX_WAIT_SECONDS));
    }

    /** How often the scheduled clean-up and the audit partitions' upkeep run. */
    public Duration cleanupInterval() {
        return Duration.ofSeconds(integer(Setting.CLEANUP_INTERVAL_SECONDS));
    }

    public String bootstrapClientId() {
        return text(Setting.SERVICE_CLIENT_ID);
    }

    public String bootstrapClientSecret() {
        return text(Setting.SERVICE_CLIENT_SECRET);
    }

    public List<String> bootstrapClientScopes() {
        return List.of(text(Setting.SERVICE_CLIENT_SCOPES).split(" +"));
    }

    public Duration tokenLifetime() {
        return Duration.ofSeconds(Math.round(number(Setting.SERVICE_TOKEN_EXPIRE_HOURS) * 3600));
    }

    /** How long verifiers may cache the JWKS, and so how far ahead of its first token a new key is published. */
    public int jwksMaxAgeSeconds() {
        return integer(Setting.JWKS_MAX_AGE_SECONDS);
    }

    /** Days between scheduled signing-key rotations; 0: only when an administrator asks. */
    public int signingKeyRotationDays() {
        return integer(Setting.SIGNING_KEY_ROTATION_DAYS);
    }

    public String secretKey() {
        return text(Setting.SECRET_KEY);
    }

    public String algorithm() {
        return text(Setting.ALGORITHM);
    }

    /** Failed authentications per client id and source address per minute before 429 (RFC 6819 §5.1.4.2.3). */
    public int authFailuresPerClientPerMinute() {
        return integer(Setting.AUTH_FAILURES_PER_CLIENT_PER_MINUTE);
    }

    /** Failed authentications per source address per minute, whatever the client id, before 429. */
    public int authFailuresPerSourcePerMinute() {
        return integer(Setting.AUTH_FAILURES_PER_SOURCE_PER_MINUTE);
    }

    /** Slow (PBKDF2) secret verifications the whole server starts per second, sustained. */
    public double slowVerificationsPerSecond() {
        return number(Setting.AUTH_SLOW_VERIFICATIONS_PER_SECOND);
    }

    /** Slow verifications allowed at once above the sustained rate. */
    public int slowVerificationsBurst() {
        return integer(Setting.AUTH_SLOW_VERIFICATIONS_BURST);
    }

    /** The operator's proxies as CIDR blocks; empty: the TCP peer is the client. Parsed (and checked) by the web layer. */
    public String trustedProxies() {
        return Optional.ofNullable(values.get(Setting.TRUSTED_PROXIES)).orElse("");
    }

    /** {@code X-Forwarded-For} or {@code Forwarded} (RFC 7239), as the setting's rule spells it. */
    public String forwardedHeader() {
        String header = text(Setting.FORWARDED_HEADER);
        return header.equalsIgnoreCase("Forwarded") ? "Forwarded" : "X-Forwarded-For";
    }

    /** Whether key sets may be fetched over plain http (development and tests); otherwise https only. */
    public boolean outboundAllowHttp() {
        return flag(Setting.OUTBOUND_ALLOW_HTTP);
    }

    /**
     * The hosts a client's {@code jwks_uri} may name, in lower case: exact names, or {@code *.domain} for its
     * subdomains. Empty: no client may name one.
     */
    public List<String> outboundAllowedHosts() {
        if (!values.containsKey(Setting.OUTBOUND_ALLOWED_HOSTS)) {
            return List.of();
        }
        return Stream.of(text(Setting.OUTBOUND_ALLOWED_HOSTS).split(",")).map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).toList();
    }

    /** Whether a client's {@code jwks_uri} may resolve to loopback, private or link-local addresses. */
    public boolean outboundAllowPrivateAddresses() {
        return flag(Setting.OUTBOUND_ALLOW_PRIVATE_ADDRESSES);
    }

    /** The least time between two fetch attempts of one key source (for an unknown key id, after a failure). */
    public Duration outboundRefetchInterval() {
        return Duration.ofSeconds(integer(Setting.OUTBOUND_REFETCH_INTERVAL_SECONDS));
    }

    /** The {@code iss} of every token and the metadata's {@code issuer}: {@code PUBLIC_URL} + {@code /api/oauth}. */
    public String issuer() {
        if (issuer == null) {
            issuer = mpJwt.apply(JwtVerificationConfigSource.ISSUER).orElseGet(() -> JwtVerificationConfigSource.issuer(
                    Optional.ofNullable(values.get(Setting.PUBLIC_URL)), text(Setting.HTTP_PORT)));
        }
        return issuer;
    }

    /** The {@code aud} of every token, and the audience this server's own admin API accepts. */
    public String audience() {
        if (audience == null) {
            audience = mpJwt.apply(JwtVerificationConfigSource.AUDIENCES).orElseGet(() -> text(Setting.TOKEN_AUDIENCE));
        }
        return audience;
    }
}
