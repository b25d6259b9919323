package io.maxplatform.oauth.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.federation.Signatures;
import io.maxplatform.oauth.outbound.KeySource;
import io.maxplatform.oauth.outbound.KeysUnavailable;
import io.maxplatform.oauth.outbound.Reach;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * {@code private_key_jwt} client authentication: RFC 7523 §2.2 and §3 as profiled by RFC 7521 §4.2 and
 * OpenID Connect Core §9. The assertion must be signed (RS256, PS256 or ES256; never {@code none} or an HMAC)
 * by a key of the client's registered JWK Set; {@code iss} and {@code sub} are the client id; {@code aud}
 * names this server (its issuer, or the token, revocation or introspection endpoint); {@code exp} is required;
 * {@code jti} is required and accepted once, on every server sharing the database. Each failure is
 * {@code invalid_client} with its own audit reason (RFC 7521 §4.2.1).
 *
 * <p>How long an assertion is good for: one that carries {@code iat} is accepted while {@code iat} is at most
 * {@value #MAX_LIFETIME_MINUTES} minutes old, whatever its {@code exp} (widespread client libraries, Python's authlib
 * among them, sign {@code exp} = {@code iat} + 1 hour and cannot be told otherwise); one without {@code iat} only if
 * its {@code exp} is at most that far ahead. Either way an assertion authenticates for at most
 * {@value #MAX_LIFETIME_MINUTES} minutes (plus the clock skew), and its replay record is kept only that long.
 */
@ApplicationScoped
public class ClientAssertions {

    static final int MAX_LIFETIME_MINUTES = 5;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
    static final Duration SKEW = Duration.ofSeconds(JwtVerificationConfigSource.CLOCK_SKEW_SECONDS);
    /** Ours are under 1 KB; anything much longer is refused unread. */
    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_JTI_LENGTH = 200;
    private static final List<String> ENDPOINTS = List.of("", "/token", "/revoke", "/introspect");

    @Inject
    ServerSettings settings;

    @Inject
    AssertionReplayRepository replays;

    @Inject
    InTransaction transaction;

    @Inject
    RemoteKeySets remoteKeys;

    private static final Logger LOG = Logger.getLogger(ClientAssertions.class.getName());

    /** A signed JWT in compact form; anything else (an unsecured {@code alg: none} JWT too) is refused. */
    static SignedJWT parse(String jwt) {
        if (jwt.length() > MAX_LENGTH) {
            throw OAuthException.invalidClient("assertion_too_long");
        }
        try {
            SignedJWT parsed = SignedJWT.parse(jwt);
            parsed.getJWTClaimsSet();
            return parsed;
        } catch (ParseException | RuntimeException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
    }

    /** Verifies {@code jwt} as {@code client}'s, then records its {@code jti}. */
    void verify(SignedJWT jwt, RegisteredClient client) {
        if (!Signatures.ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw OAuthException.invalidClient("assertion_algorithm_refused");
        }
        verifySignature(jwt, client);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
        Instant now = Instant.now();
        checkClaims(claims, client.clientId(), now);
        Instant usableUntil = usableUntil(claims);
        AtomicBoolean first = new AtomicBoolean();
        // On its own: an assertion is spent once it authenticated, whatever becomes of the request.
        transaction.runOnItsOwn(() -> first.set(replays.recordFirstUse(client.clientId(), claims.getJWTID(),
                usableUntil.plus(SKEW))));
        if (!first.get()) {
            throw OAuthException.invalidClient("assertion_replayed");
        }
    }

    /**
     * Registered key sets, parsed once each: keyed by the stored JSON itself, so a replaced set is simply a new
     * entry and nothing needs invalidating.
     */
    private final Cache<String, List<JWK>> registeredKeys = Caffeine.newBuilder().maximumSize(10_000).build();

    private static List<JWK> parseKeys(String jwks, String clientId) {
        try {
            return JWKSet.parse(jwks).getKeys();
        } catch (ParseException e) {
            throw new IllegalStateException("The stored JWK Set of " + clientId + " is damaged", e);
        }
    }

    private void verifySignature(SignedJWT jwt, RegisteredClient client) {
        switch (Signatures.check(jwt, keys(client, jwt.getHeader().getKeyID()))) {
            case NO_MATCHING_KEY -> throw OAuthException.invalidClient("unknown_assertion_key");
            case BAD_SIGNATURE -> throw OAuthException.invalidClient("bad_assertion_signature");
            case VERIFIED -> { }
        }
    }

    /** Its registered keys, or those published at its {@code jwks_uri} (fetched again first for a {@code kid} not seen). */
    private List<JWK> keys(RegisteredClient client, String kid) {
        if (client.jwksUri() == null) {
            return registeredKeys.get(client.jwks(), jwks -> parseKeys(jwks, client.clientId()));
        }
        KeySource source = new KeySource(KeySource.Kind.JWKS, URI.create(client.jwksUri()), Reach.CLIENT, Optional.empty());
        try {
            return remoteKeys.keysWithKid(source, kid);
        } catch (KeysUnavailable e) {
            LOG.warning("Client " + client.clientId() + ": no usable keys at its jwks_uri, so its assertions are refused: "
                    + e.getMessage());
            throw OAuthException.invalidClient(CLIENT_KEYS_UNAVAILABLE);
        }
    }

    /** The audit reason of an assertion refused because the client's published keys could not be had. */
    static final String CLIENT_KEYS_UNAVAILABLE = "client_keys_unavailable";

    private void checkClaims(JWTClaimsSet claims, String clientId, Instant now) {
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw OAuthException.invalidClient("assertion_issuer_mismatch");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(this::namesThisServer)) {
            throw OAuthException.invalidClient("assertion_wrong_audience");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw OAuthException.invalidClient("assertion_without_exp");
        }
        if (exp.toInstant().isBefore(now.minus(SKEW))) {
            throw OAuthException.invalidClient("assertion_expired");
        }
        Date iat = claims.getIssueTime();
        if (iat == null && exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw OAuthException.invalidClient("assertion_lifetime_too_long");
        }
        if (iat != null && iat.toInstant().isBefore(now.minus(MAX_LIFETIME).minus(SKEW))) {
            throw OAuthException.invalidClient("assertion_too_old");
        }
        Instant latestStart = now.plus(SKEW);
        if ((claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latestStart))
                || (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(latestStart))) {
            throw OAuthException.invalidClient("assertion_not_yet_valid");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH || jti.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidClient("assertion_without_jti");
        }
    }

    /** The last instant the checks above accept this assertion: its replay record need not outlive it. */
    static Instant usableUntil(JWTClaimsSet claims) {
        Instant exp = claims.getExpirationTime().toInstant();
        if (claims.getIssueTime() == null) {
            return exp;
        }
        Instant windowEnd = claims.getIssueTime().toInstant().plus(MAX_LIFETIME);
        return exp.isBefore(windowEnd) ? exp : windowEnd;
    }

    private boolean namesThisServer(String audience) {
        return ENDPOINTS.stream().anyMatch(endpoint -> audience.equals(settings.issuer() + endpoint));
    }

}
