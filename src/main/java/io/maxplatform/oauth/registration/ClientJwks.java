package io.maxplatform.oauth.registration;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.maxplatform.oauth.error.ApiException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The public JWK Set a {@code private_key_jwt} client registers (RFC 7591 {@code jwks}, RFC 7517), checked
 * before it is stored: public keys only (a private member is refused, not stripped: whoever sent it has
 * leaked it), each with a unique {@code kid}, RSA of 2048 to 8192 bits or EC on P-256 (what RS256, PS256 and
 * ES256 verify with), for signing.
 */
final class ClientJwks {

    static final int MAX_KEYS = 10;
    static final int MAX_KID_LENGTH = 100;
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private ClientJwks() {
    }

    /** The key set as it is stored: the same keys, public members only, in a canonical form. */
    static String check(String json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw ApiException.badRequest("jwks must be a JWK Set: {\"keys\":[…]} (RFC 7517 §5)");
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw ApiException.badRequest("jwks must hold 1 to " + MAX_KEYS + " keys");
        }
        Set<String> kids = new HashSet<>();
        for (JWK key : keys) {
            String kid = key.getKeyID();
            if (kid == null || kid.isEmpty() || kid.length() > MAX_KID_LENGTH || !kid.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw ApiException.badRequest("Every key in jwks needs a kid of 1 to " + MAX_KID_LENGTH + " printable characters");
            }
            if (!kids.add(kid)) {
                throw ApiException.badRequest("jwks repeats the kid " + kid);
            }
            checkType(key, kid);
            if (key.isPrivate()) {
                throw ApiException.badRequest("jwks must hold public keys only: key " + kid + " has private members. "
                        + "Treat that private key as leaked and generate a new pair");
            }
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                throw ApiException.badRequest("Key " + kid + " is not for signing (use must be sig)");
            }
        }
        return set.toString(true);
    }

    private static void checkType(JWK key, String kid) {
        if (key instanceof RSAKey rsa) {
            // The modulus's real bit length: nimbus's size() counts encoded bytes, so leading zero bytes would
            // make a 1024-bit key pass as 2048.
            int bits = modulusBits(rsa, kid);
            if (bits < 2048 || bits > 8192) {
                throw ApiException.badRequest("RSA key " + kid + " must be 2048 to 8192 bits (NIST SP 800-131A)");
            }
            requireAlgorithm(key, kid, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256));
        } else if (key instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw ApiException.badRequest("EC key " + kid + " must be on P-256 (ES256)");
            }
            requireAlgorithm(key, kid, Set.of(JWSAlgorithm.ES256));
        } else {
            throw ApiException.badRequest("Key " + kid + " must be RSA or EC (P-256); " + key.getKeyType() + " is not accepted");
        }
    }

    private static int modulusBits(RSAKey rsa, String kid) {
        try {
            return rsa.toRSAPublicKey().getModulus().bitLength();
        } catch (com.nimbusds.jose.JOSEException | RuntimeException e) {
            throw ApiException.badRequest("RSA key " + kid + " is not a valid public key");
        }
    }

    private static void requireAlgorithm(JWK key, String kid, Set<JWSAlgorithm> fitting) {
        if (key.getAlgorithm() != null && !fitting.contains(JWSAlgorithm.parse(key.getAlgorithm().getName()))) {
            throw ApiException.badRequest("Key " + kid + " names alg " + key.getAlgorithm().getName()
                    + "; it may only be one of " + fitting.stream().map(JWSAlgorithm::getName).sorted().toList());
        }
    }
}
