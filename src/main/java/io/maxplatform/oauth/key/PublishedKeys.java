package io.maxplatform.oauth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the stored keys mean at one moment, until the next key changes state ({@link #validUntil}): the key that
 * signs, and the key set verifiers are given. Immutable, and replaced whole: the JWKS, the published key ids and
 * the signer are never seen from two different moments.
 *
 * @param jwks the JWKS document (RFC 7517), public members only
 */
public record PublishedKeys(KeySnapshot source, Instant validUntil, ActiveKey signing, String jwks, Set<String> kids) {

    /** The stored keys as last read, with the signers of those that are or will be active (each decrypted once). */
    record KeySnapshot(KeyRing ring, Map<String, ActiveKey> signers) {
    }

    static PublishedKeys at(KeySnapshot source, Instant now) {
        KeyRing keys = source.ring();
        List<KeyRing.Key> published = keys.publishedAt(now);
        List<JWK> jwks = new ArrayList<>();
        try {
            for (KeyRing.Key key : published) {
                jwks.add(JWK.parse(key.publicJwk()));
            }
        } catch (ParseException e) {
            throw new IllegalStateException("A stored public key is damaged", e);
        }
        // A key that became active since the last reload was read as next, so its signer is there.
        ActiveKey signing = keys.signingAt(now).map(key -> source.signers().get(key.kid())).orElse(null);
        return new PublishedKeys(source, keys.nextChangeAfter(now), signing, new JWKSet(jwks).toString(true),
                published.stream().map(KeyRing.Key::kid).collect(Collectors.toUnmodifiableSet()));
    }

    boolean isCurrent(KeySnapshot latest, Instant now) {
        return source == latest && now.isBefore(validUntil);
    }
}
