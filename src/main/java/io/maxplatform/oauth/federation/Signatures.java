package io.maxplatform.oauth.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;

/**
 * Which of a set of public keys verifies a JWS: the keys its header's {@code kid} names (all when it names none; keys
 * without a {@code kid} always, as RFC 7517 §4.5 makes it optional) of
 * the type its {@code alg} needs, and whose own {@code alg}, if any, is that one (RFC 7517 §4.4). Used for clients'
 * registered keys and anchors' keys alike; the algorithm must already be one this server accepts.
 */
public final class Signatures {

    /** RS256, PS256 and ES256: what clients, issuers and this server's own metadata agree on. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    public enum Outcome { VERIFIED, NO_MATCHING_KEY, BAD_SIGNATURE }

    private Signatures() {
    }

    public static Outcome check(SignedJWT jwt, List<JWK> keys) {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        boolean ec = JWSAlgorithm.ES256.equals(algorithm);
        List<JWK> candidates = keys.stream()
                .filter(key -> kid == null || key.getKeyID() == null || kid.equals(key.getKeyID()))
                .filter(key -> ec ? key instanceof ECKey : key instanceof RSAKey)
                .filter(key -> key.getAlgorithm() == null || key.getAlgorithm().getName().equals(algorithm.getName()))
                .toList();
        if (candidates.isEmpty()) {
            return Outcome.NO_MATCHING_KEY;
        }
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = ec ? new ECDSAVerifier((ECKey) key) : new RSASSAVerifier((RSAKey) key);
                if (jwt.verify(verifier)) {
                    return Outcome.VERIFIED;
                }
            } catch (JOSEException | RuntimeException unusable) {
                // Not this key: try the next one.
            }
        }
        return Outcome.BAD_SIGNATURE;
    }
}
