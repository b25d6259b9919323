package io.maxplatform.oauth.outbound;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Keys and key-set JSON for the tests, generated afresh. */
final class TestKeys {

    private TestKeys() {
    }

    static ECKey ec(String kid) {
        return ec(Curve.P_256, kid, null);
    }

    static ECKey ec(Curve curve, String kid, KeyUse use) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).keyUse(use).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK Set of the keys' public halves. */
    static String jwks(JWK... keys) {
        return withMembers(Map.of(), Stream.of(keys).map(JWK::toPublicJWK).toArray(JWK[]::new));
    }

    /** A JWK Set of the keys as they are, private members included, with more top-level members. */
    static String withMembers(Map<String, Object> members, JWK... keys) {
        Map<String, Object> set = JSONObjectUtils.newJSONObject();
        set.putAll(members);
        set.put("keys", Stream.of(keys).map(JWK::toJSONObject).toList());
        return JSONObjectUtils.toJSONString(set);
    }

    static List<String> kids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).toList();
    }
}
