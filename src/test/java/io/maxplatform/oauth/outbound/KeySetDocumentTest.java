package io.maxplatform.oauth.outbound;

import static io.maxplatform.oauth.outbound.TestKeys.ec;
import static io.maxplatform.oauth.outbound.TestKeys.kids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which keys of a JWK Set or SPIFFE bundle are used, through {@link RemoteKeySets#parseInline} too. */
class KeySetDocumentTest {

    @Test
    void aJwkSetKeepsPublicRsa2048AndP256SignatureKeys() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        JWK weak = new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID("weak").build();
        OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        String json = TestKeys.withMembers(Map.of(), rsa.toPublicJWK(), weak, ec("p256").toPublicJWK(),
                ec(Curve.P_384, "p384", null).toPublicJWK(), ec(Curve.P_256, "enc", KeyUse.ENCRYPTION).toPublicJWK(),
                ec(Curve.P_256, "sig", KeyUse.SIGNATURE).toPublicJWK(), ec("private"), hmac);

        KeySetDocument document = KeySetDocument.parse(KeySource.Kind.JWKS, json);

        assertEquals(List.of("rsa", "p256", "sig"), kids(document.keys()));
        assertTrue(document.privateKeyLeftOut());
        assertEquals(5, document.leftOut().size(), document.leftOut().toString());
        assertTrue(document.leftOut().get(0).contains("1024 bits"), document.leftOut().toString());
        assertEquals(Optional.empty(), document.refreshHint());
        assertEquals(kids(document.keys()), kids(RemoteKeySets.parseInline(KeySource.Kind.JWKS, json)));
    }

    @Test
    void aSpiffeBundleKeepsItsJwtSvidKeysAndItsRefreshHint() {
        String bundle = TestKeys.withMembers(Map.of("spiffe_refresh_hint", 600, "spiffe_sequence", 3),
                ec(Curve.P_256, "jwt", new KeyUse("jwt-svid")).toPublicJWK(),
                ec(Curve.P_256, "x509", new KeyUse("x509-svid")).toPublicJWK(),
                ec(Curve.P_256, "sig", KeyUse.SIGNATURE).toPublicJWK(), ec("none").toPublicJWK());

        KeySetDocument document = KeySetDocument.parse(KeySource.Kind.SPIFFE_BUNDLE, bundle);

        assertEquals(List.of("jwt"), kids(document.keys()));
        assertEquals(Optional.of(Duration.ofSeconds(600)), document.refreshHint());
        assertEquals(List.of("jwt"), kids(RemoteKeySets.parseInline(KeySource.Kind.SPIFFE_BUNDLE, bundle)));
        assertEquals(List.of(), KeySetDocument.parse(KeySource.Kind.JWKS, bundle).keys().stream()
                .filter(key -> key.getKeyID().equals("jwt")).toList(), "a JWK Set does not take jwt-svid keys");
    }

    @Test
    void oneUnreadableKeyLeavesTheOthers() {
        String json = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"not-a-point\"},{\"kty\":\"OKP\"},\"text\","
                + ec("good").toPublicJWK().toJSONString() + "]}";

        assertThrows(UnacceptableKeySet.class, () -> KeySetDocument.parse(KeySource.Kind.JWKS, json),
                "an array member that is not an object is not a JWK Set");
        String objects = json.replace(",\"text\"", "");
        assertEquals(List.of("good"), kids(KeySetDocument.parse(KeySource.Kind.JWKS, objects).keys()));
    }

    @Test
    void keysWithoutKidAreKept() {
        JWK anonymous = new com.nimbusds.jose.jwk.ECKey.Builder(ec("x").toPublicJWK()).keyID(null).build();

        assertEquals(1, KeySetDocument.parse(KeySource.Kind.JWKS, TestKeys.jwks(anonymous)).keys().size());
    }

    @Test
    void inlineKeysMustHoldAUsableKey() {
        String notJson = assertThrows(UnacceptableKeySet.class,
                () -> RemoteKeySets.parseInline(KeySource.Kind.JWKS, "keys: none")).getMessage();
        String noKeys = assertThrows(UnacceptableKeySet.class,
                () -> RemoteKeySets.parseInline(KeySource.Kind.JWKS, "{\"keys\":{}}")).getMessage();
        String onlyPrivate = assertThrows(UnacceptableKeySet.class,
                () -> RemoteKeySets.parseInline(KeySource.Kind.JWKS, TestKeys.withMembers(Map.of(), ec("leaked")))).getMessage();
        String noJwtSvid = assertThrows(UnacceptableKeySet.class,
                () -> RemoteKeySets.parseInline(KeySource.Kind.SPIFFE_BUNDLE, TestKeys.jwks(ec("plain")))).getMessage();

        assertTrue(notJson.contains("not a JSON object"), notJson);
        assertTrue(noKeys.contains("no \"keys\" array"), noKeys);
        assertTrue(onlyPrivate.contains("kid \"leaked\"") && onlyPrivate.contains("private key material"), onlyPrivate);
        assertTrue(!onlyPrivate.contains("\"d\""), onlyPrivate);
        assertTrue(noJwtSvid.contains("not jwt-svid"), noJwtSvid);
        assertThrows(IllegalArgumentException.class, () -> RemoteKeySets.parseInline(KeySource.Kind.DISCOVERY, "{}"));
    }
}
