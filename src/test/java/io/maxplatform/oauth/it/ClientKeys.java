package io.maxplatform.oauth.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A service's key pair and the client assertions it signs (RFC 7523), built with nimbus-jose-jwt independently
 * of the server's code, and the form that presents one at the token endpoint.
 */
final class ClientKeys {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientKeys() {
    }

    static JWK rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWK ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set to register: {"keys":[…]}. */
    static String publicJwks(JWK... keys) {
        return new JWKSet(java.util.List.of(keys)).toString(true);
    }

    /** The token endpoint URL of the server under test: the audience an assertion names. */
    static String tokenEndpoint() {
        return ServerHttp.baseUrl() + "/api/oauth/token";
    }

    /** A valid assertion's claims for {@code clientId}, changed by {@code change} for the refusal under test. */
    static JWTClaimsSet.Builder claims(String clientId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return signWith(key, new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
    }

    static String signWith(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey());
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String assertion(JWK key, String clientId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256, change.apply(claims(clientId)).build());
    }

    static String assertion(JWK key, String clientId) {
        return assertion(key, clientId, UnaryOperator.identity());
    }

    /** A token request authenticated by {@code assertion}, with extra form pairs. */
    static String tokenForm(String assertion, String... pairs) {
        String[] all = new String[pairs.length + 6];
        all[0] = "grant_type";
        all[1] = "client_credentials";
        all[2] = "client_assertion_type";
        all[3] = ASSERTION_TYPE;
        all[4] = "client_assertion";
        all[5] = assertion;
        System.arraycopy(pairs, 0, all, 6, pairs.length);
        return ServerHttp.form(all);
    }
}
