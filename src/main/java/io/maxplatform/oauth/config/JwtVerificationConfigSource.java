package io.maxplatform.oauth.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the MicroProfile JWT verification settings from the product's own variables ({@code PUBLIC_URL},
 * {@code HTTP_PORT}, {@code TOKEN_AUDIENCE}, {@code ALGORITHM}), so the issuer the server signs with and the
 * issuer it verifies are one value. Its ordinal is the lowest: anything set explicitly wins.
 */
public class JwtVerificationConfigSource implements ConfigSource {

    public static final String ISSUER = "mp.jwt.verify.issuer";
    public static final String AUDIENCES = "mp.jwt.verify.audiences";
    public static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    public static final String KEY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";
    static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    static final String JWKS_REFRESH_MINUTES = "smallrye.jwt.jwks.refresh-interval";
    static final String JWKS_FORCED_REFRESH_MINUTES = "smallrye.jwt.jwks.forced-refresh-interval";
    /**
     * The leeway on {@code exp}, {@code nbf} and {@code iat}, for MicroProfile JWT and for every check of
     * this server's own (RFC 9068 §4 asks for a small, explicit one).
     */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private final Map<String, String> properties;

    public JwtVerificationConfigSource() {
        this(DotEnvFile.inWorkingDirectory());
    }

    JwtVerificationConfigSource(DotEnvFile dotEnv) {
        this(SettingLookup.ofProcess(dotEnv::lookup));
    }

    /** Reads as {@link ServerSettings} does, but without MicroProfile Config, which this source is part of. */
    JwtVerificationConfigSource(SettingLookup lookup) {
        String port = valueOrDefault(lookup, Setting.HTTP_PORT);
        long jwksMaxAgeSeconds = Long.parseLong(valueOrDefault(lookup, Setting.JWKS_MAX_AGE_SECONDS));
        properties = Map.of(
                ISSUER, issuer(lookup.find(Setting.PUBLIC_URL), port),
                AUDIENCES, valueOrDefault(lookup, Setting.TOKEN_AUDIENCE),
                // The server fetches its own key set over loopback: PUBLIC_URL may be a proxy it cannot reach.
                KEY_LOCATION, "http://localhost:" + port + "/api/oauth/jwks",
                KEY_ALGORITHM, valueOrDefault(lookup, Setting.ALGORITHM),
                CLOCK_SKEW, String.valueOf(CLOCK_SKEW_SECONDS),
                // WildFly's MicroProfile JWT (SmallRye) keeps the key set 60 min and refetches it for an unknown
                // kid at most every 30 min unless told otherwise (both in minutes): no longer than any verifier
                // may cache it, and a new key within a minute. Payara's ignores these names.
                JWKS_REFRESH_MINUTES, String.valueOf(Math.max(1, (jwksMaxAgeSeconds + 59) / 60)),
                JWKS_FORCED_REFRESH_MINUTES, "1");
    }

    /** {@code PUBLIC_URL} (default {@code http://localhost:<HTTP_PORT>}) + {@code /api/oauth}. */
    static String issuer(Optional<String> publicUrl, String httpPort) {
        return publicUrl.orElse("http://localhost:" + httpPort).replaceAll("/+$", "") + "/api/oauth";
    }

    /** A value its rule refuses stands in as the default here: {@link ServerSettings#validate()} stops the start. */
    private static String valueOrDefault(SettingLookup lookup, Setting setting) {
        return lookup.find(setting).filter(setting.rule()::accepts).or(setting::defaultValue).orElseThrow();
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "derived JWT verification settings";
    }

    @Override
    public int getOrdinal() {
        return DotEnvConfigSource.ORDINAL - 10;
    }
}
