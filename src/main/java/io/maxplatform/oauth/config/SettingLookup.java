package io.maxplatform.oauth.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where a setting's value comes from, in the README's order ("Configuration"): a system property, by its
 * MicroProfile Config name ({@code -Djwks.max.age.seconds=2}, as MicroProfile Config ranks system properties
 * above the environment) or by the variable's name ({@code -DJWKS_MAX_AGE_SECONDS=2}, as Payara Server's
 * setup script stores them); then the environment variable; then {@code rest}: the server's other
 * MicroProfile Config sources down to {@code .env}, or the {@code .env} file alone. Blank counts as unset;
 * surrounding spaces are dropped, except from a secret (they are part of it, and of the keys derived from it).
 * {@link ServerSettings} and {@link JwtVerificationConfigSource} both look up through this, so the issuer
 * the server signs with and the issuer it verifies come from the same value.
 */
final class SettingLookup {

    private final UnaryOperator<String> systemProperties;
    private final Map<String, String> environment;
    private final Function<String, Optional<String>> rest;

    SettingLookup(UnaryOperator<String> systemProperties, Map<String, String> environment,
                  Function<String, Optional<String>> rest) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.rest = rest;
    }

    /** This process's system properties and environment, then {@code rest} (looked up by MicroProfile Config name). */
    static SettingLookup ofProcess(Function<String, Optional<String>> rest) {
        return new SettingLookup(System::getProperty, System.getenv(), rest);
    }

    Optional<String> find(Setting setting) {
        Optional<String> value = present(systemProperties.apply(setting.property()))
                .or(() -> present(systemProperties.apply(setting.name())))
                .or(() -> present(environment.get(setting.name())))
                .or(() -> rest.apply(setting.property()).flatMap(SettingLookup::present));
        return setting.rule().isSecret() ? value : value.map(String::strip);
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
