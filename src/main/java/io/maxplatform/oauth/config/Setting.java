package io.maxplatform.oauth.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every variable the server reads, with its rule and default: the one table {@link ServerSettings} reads and
 * checks at start, and that the configuration guide ({@code src/site/markdown/configuration.md}) lists
 * (a test holds the two together). The MicroProfile Config name is the variable's in lower case with dots
 * ({@code SERVICE_CLIENT_ID} → {@code service.client.id}).
 */
public enum Setting {

    SERVICE_CLIENT_ID(SettingRule.text(), "maxplatform-service"),
    SERVICE_CLIENT_SECRET(SettingRule.secret(0), null),
    SERVICE_CLIENT_SCOPES(SettingRule.scopeList(), "admin:oauth admin:users admin:system"),
    SERVICE_TOKEN_EXPIRE_HOURS(SettingRule.positiveNumber(24 * 366), "24"),
    SECRET_KEY(SettingRule.secret(ServerSettings.MIN_SECRET_KEY_LENGTH), null,
            "a random value: openssl rand -base64 48"),
    ALGORITHM(SettingRule.oneOf("RS256", "ES256"), "RS256",
            "HS256 would need the signing secret shared with every service that verifies tokens (RFC 8725 §3.5), "
                    + "and MicroProfile JWT verifies only RS256 and ES256"),
    PUBLIC_URL(SettingRule.baseUrl(), null),
    TOKEN_AUDIENCE(SettingRule.text(), "maxplatform"),
    HTTP_PORT(SettingRule.integer(1, 65_535), "8000"),
    DATABASE_URL(SettingRule.jdbcUrl(), null),
    DATABASE_USER(SettingRule.text(), null),
    DATABASE_PASSWORD(SettingRule.secret(0), null),
    DATABASE_SCHEMA(SettingRule.schemaName(), "public",
            "the product's tables, functions and Liquibase's own tables live in this schema of the database; "
                    + "the server's connections search it alone"),
    AUTH_FAILURES_PER_CLIENT_PER_MINUTE(SettingRule.integer(1, 100_000), "20",
            "0 would refuse every client's first attempt"),
    AUTH_FAILURES_PER_SOURCE_PER_MINUTE(SettingRule.integer(1, 1_000_000), "200",
            "0 would refuse every client's first attempt"),
    AUTH_SLOW_VERIFICATIONS_PER_SECOND(SettingRule.number(1, 1000), "1"),
    AUTH_SLOW_VERIFICATIONS_BURST(SettingRule.integer(1, 10_000), "10"),
    AUDIT_RETENTION_DAYS(SettingRule.integer(0, 36_600), "365", "0 keeps every audit row"),
    AUDIT_RETENTION_MODE(SettingRule.oneOf("drop", "detach"), "drop",
            "drop: a day's audit partition is dropped once past the retention; detach: it is detached, for a DBA to "
                    + "archive and drop"),
    CLEANUP_INTERVAL_SECONDS(SettingRule.integer(1, 86_400), "3600"),
    SIGNING_KEY_ROTATION_DAYS(SettingRule.integer(0, 3660), "90", "0 rotates only when an administrator asks"),
    JWKS_MAX_AGE_SECONDS(SettingRule.integer(1, 3600), "300",
            "verifiers cache the key set that long, and a new key is published that long (and a little more) before "
                    + "it signs"),
    SCHEMA_MIGRATION(SettingRule.oneOf("apply", "validate", "off"), "validate",
            "apply: the server applies pending changesets at start; validate: it refuses to start while any is pending "
                    + "and names them; off: it does not look"),
    SCHEMA_MIGRATION_LOCK_TIMEOUT_MILLIS(SettingRule.integer(100, 60_000), "1000",
            "below the requests' own 2 s, so that requests queued behind a migration's waiting ALTER still get their lock"),
    SCHEMA_MIGRATION_MAX_WAIT_SECONDS(SettingRule.integer(0, 86_400), "600"),
    TRUSTED_PROXIES(SettingRule.cidrList(), null),
    FORWARDED_HEADER(SettingRule.oneOfIgnoringCase("X-Forwarded-For", "Forwarded"), "X-Forwarded-For"),
    ALLOW_DEVELOPMENT_SECRETS(SettingRule.bool(), "false"),
    OUTBOUND_ALLOW_HTTP(SettingRule.bool(), "false",
            "a key set fetched over plain http can be replaced on the way, and with it every key that authenticates "
                    + "a client; for development and tests only"),
    OUTBOUND_ALLOWED_HOSTS(SettingRule.hostList(), null,
            "a client's registration names the jwks_uri the server fetches: only these hosts may be named, so that "
                    + "a registration cannot make the server call arbitrary hosts (server-side request forgery)"),
    OUTBOUND_ALLOW_PRIVATE_ADDRESSES(SettingRule.bool(), "false",
            "a client's jwks_uri that resolves to a loopback, private or link-local address (the cloud metadata "
                    + "service among them) would let a registration reach inside the network"),
    OUTBOUND_REFETCH_INTERVAL_SECONDS(SettingRule.integer(1, 3600), "30",
            "at most one fetch per key source in this interval, so that tokens naming unknown keys cannot make "
                    + "the server hammer an issuer");

    private final SettingRule rule;
    private final String defaultValue;
    private final String why;

    Setting(SettingRule rule, String defaultValue) {
        this(rule, defaultValue, null);
    }

    Setting(SettingRule rule, String defaultValue, String why) {
        this.rule = rule;
        this.defaultValue = defaultValue;
        this.why = why;
    }

    /** The name MicroProfile Config and system properties know it by. */
    public String property() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public SettingRule rule() {
        return rule;
    }

    /** Empty where there is none: the setting is required, optional, or derived from another. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The refusal of {@code value}: this variable, its rule, the value (never a secret's), and why. */
    String refusal(String value) {
        return rule.refusal(name(), value) + (why == null ? "" : " (" + why + ")");
    }
}
