package io.maxplatform.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.key.PublishedKeys;
import io.maxplatform.oauth.key.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Set;

/**
 * The one check of a token this server issued, wherever one is presented: the admin API (after MicroProfile JWT,
 * whose cached JWKS may still hold a withdrawn key and which checks neither {@code iat} nor {@code nbf}),
 * introspection and revocation. A token is valid when it is in strict compact form ({@link CompactJws}), typed
 * {@code JWT}, shallow, signed (RS256 or ES256) by a key published at this moment, by this issuer, unexpired
 * (60 s leeway, as MicroProfile JWT is configured), already valid, and carries {@code jti}, {@code client_id},
 * {@code sub}, {@code aud}, {@code iat}. Any audience: a token may be for another resource (RFC 8707), and
 * introspection reports it; the admin API's audience is MicroProfile JWT's check. Whether a valid token is
 * still alive (not revoked, not cut off) is {@code revocation/TokenLiveness}'s question.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    @Inject
    SigningKeys keys;

    @Inject
    ServerSettings settings;

    /** The processor of the key set last seen; rebuilt when a rotation changes the published keys. */
    private volatile KeyCheck cached;

    /**
     * A published key set and the processor that trusts exactly it, built together and replaced together, so
     * the key ids and the keys a signature is checked with are always of the same moment.
     */
    record KeyCheck(String jwks, Set<String> kids, DefaultJWTProcessor<SecurityContext> processor) {

        static KeyCheck of(String jwks, Set<String> kids, String issuer) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
            try {
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                        new ImmutableJWKSet<>(JWKSet.parse(jwks))));
            } catch (ParseException e) {
                throw new IllegalStateException("The published key set is damaged", e);
            }
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>((Set<String>) null,
                    new JWTClaimsSet.Builder().issuer(issuer).build(),
                    Set.of("sub", "aud", "exp", "iat", "jti", "client_id"), null);
            claims.setMaxClockSkew((int) JwtVerificationConfigSource.CLOCK_SKEW_SECONDS);
            processor.setJWTClaimsSetVerifier(claims);
            return new KeyCheck(jwks, Set.copyOf(kids), processor);
        }
    }

    /**
     * Not issued, nor valid from, further in the future than the clock skew (RFC 7519 §4.1.5–4.1.6): a token
     * minted ahead of time is not valid yet. Either time may be absent (null).
     */
    static boolean isAlreadyValid(Long issuedAt, Long notBefore, Instant now) {
        long latest = now.getEpochSecond() + JwtVerificationConfigSource.CLOCK_SKEW_SECONDS;
        return (issuedAt == null || issuedAt <= latest) && (notBefore == null || notBefore <= latest);
    }

    /** Tokens found valid, each with the key check that found it so ({@link VerifiedTokenCache}). */
    private final VerifiedTokenCache verified = new VerifiedTokenCache();

    public VerifiedToken check(String token) {
        KeyCheck keys = keyCheck();
        Instant now = Instant.now();
        VerifiedToken known = verified.find(token, keys.processor(), now);
        if (known != null) {
            return known;
        }
        VerifiedToken checked = check(token, keys, now);
        if (checked.isValid()) {
            verified.remember(token, keys.processor(), checked);
        }
        return checked;
    }

    private KeyCheck keyCheck() {
        PublishedKeys published = keys.published();
        KeyCheck current = cached;
        if (current == null || current.jwks() != published.jwks()) {
            // The same keys recomputed at a later moment keep their processor; only the text is compared, once.
            current = current != null && current.jwks().equals(published.jwks())
                    ? new KeyCheck(published.jwks(), current.kids(), current.processor())
                    : KeyCheck.of(published.jwks(), published.kids(), settings.issuer());
            cached = current;
        }
        return current;
    }

    static VerifiedToken check(String token, KeyCheck keys, Instant now) {
        if (!CompactJws.isCanonical(token)) {
            return VerifiedToken.refused("Token not in canonical compact form");
        }
        JWSHeader header = CompactJws.header(token);
        // Payara's MicroProfile JWT refuses another typ, WildFly's (SmallRye) does not look: checked here for both.
        if (header == null || !JOSEObjectType.JWT.equals(header.getType())) {
            return VerifiedToken.refused("Token type is not JWT");
        }
        if (!CompactJws.isShallow(token)) {
            return VerifiedToken.refused("Token claims nested too deep");
        }
        if (header.getKeyID() == null || !keys.kids().contains(header.getKeyID())) {
            return VerifiedToken.refused("Token signed by a key no longer published (rotated out or withdrawn)");
        }
        JWTClaimsSet claims;
        try {
            claims = keys.processor().process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            return VerifiedToken.refused("Token signature, issuer, expiry or required claims invalid");
        }
        Long issuedAt = claims.getIssueTime().getTime() / 1000;
        Long notBefore = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().getTime() / 1000;
        if (!isAlreadyValid(issuedAt, notBefore, now)) {
            return VerifiedToken.refused("Token not yet valid");
        }
        return VerifiedToken.valid(claims);
    }
}
