package io.maxplatform.oauth.key;

import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The times that let verifiers follow a rotation without a failed token: how long they may cache the JWKS, how
 * often each server re-reads the stored keys, and so how far ahead of signing a new key must be published.
 */
@ApplicationScoped
public class KeyPublication {

    @Inject
    ServerSettings settings;

    /** How long verifiers may cache the JWKS ({@code Cache-Control: max-age}). */
    public Duration jwksMaxAge() {
        return Duration.ofSeconds(settings.jwksMaxAgeSeconds());
    }

    /** How often each server reads the stored keys again: half a JWKS cache period, at most a minute. */
    public Duration refreshInterval() {
        return Duration.ofSeconds(Math.max(1, Math.min(60, settings.jwksMaxAgeSeconds() / 2)));
    }

    /**
     * How long a new key is published before it signs: one JWKS cache period after every server has seen it,
     * allowing one missed refresh (two refresh intervals), plus 10 s for generating the key, waiting for the
     * rotation lock and committing. A verifier holding a JWKS fetched before the key was published
     * refetches it in time.
     */
    public Duration publishAhead() {
        return jwksMaxAge().plus(refreshInterval().multipliedBy(2)).plusSeconds(10);
    }
}
