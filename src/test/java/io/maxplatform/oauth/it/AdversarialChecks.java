package io.maxplatform.oauth.it;

import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_ID;
import static io.maxplatform.oauth.it.ServerHttp.BOOTSTRAP_SECRET;
import static io.maxplatform.oauth.it.ServerHttp.basic;
import static io.maxplatform.oauth.it.ServerHttp.form;
import static io.maxplatform.oauth.it.ServerHttp.get;
import static io.maxplatform.oauth.it.StatisticsChecks.PATH;
import static io.maxplatform.oauth.it.StatisticsChecks.assertInvalidToken;
import static io.maxplatform.oauth.it.StatisticsChecks.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.key.ServerKeyForTests;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * The adversarial part of the black-box suite: forged and malformed tokens (RFC 8725), and a bounded sample
 * of random and mutated input sent over HTTP to the real WAR. Every answer is a documented 4xx in the JSON
 * shape: never a 5xx, never a token where none is due. Random input arrives from addresses of its own
 * (through the trusted test proxy), so it never throttles the other checks.
 */
abstract class AdversarialChecks {

    private static final String INTROSPECT = "/api/oauth/introspect";

    private static HttpResponse<String> introspect(String token) {
        return ServerHttp.send(ServerHttp.request(INTROSPECT).header("Content-Type", ServerHttp.FORM)
                .header("Authorization", basic(BOOTSTRAP_ID, BOOTSTRAP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(form("token", token))));
    }

    /** Refused at the admin API and inactive in introspection. */
    private static void assertRefusedEverywhere(String token) {
        assertInvalidToken(get(PATH, token));
        assertEquals("{\"active\":false}", introspect(token).body());
    }

    /** Well-formed claims under {@code header}, signed by {@code signer}: only the signature is wrong. */
    private static String signed(JWSHeader header, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims(b -> b));
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String serverKid() {
        return ServerKeyForTests.activeKey().getKeyID();
    }

    // --- Forged tokens (RFC 8725 §2, §3.1) ---------------------------------------------------------------

    @Test
    void hs256KeyedWithThePublicKeyInEveryFormIsRefused() throws Exception {
        JWK publicKey = ServerKeyForTests.activeKey().toPublicJWK();
        byte[] der = publicKey.toRSAKey().toPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] key : List.of(der, pem.getBytes(StandardCharsets.US_ASCII),
                publicKey.toJSONString().getBytes(StandardCharsets.UTF_8))) {
            MACSigner signer = new MACSigner(key);
            assertRefusedEverywhere(signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serverKid()).build(), signer));
        }
    }

    @Test
    void algNoneAndAnAllZeroEs256SignatureAreRefused() throws Exception {
        String payload = Base64URL.encode(claims(b -> b).toString()).toString();
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        assertInvalidToken(get(PATH, none));
        assertEquals("{\"active\":false}", introspect(none).body());

        // CVE-2022-21449: r = s = 0 verified as valid on unpatched JDKs.
        String header = Base64URL.encode("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + serverKid() + "\"}").toString();
        assertRefusedEverywhere(header + "." + payload + "." + Base64URL.encode(new byte[64]));
        // The same with a real ES256 key under the server's kid.
        var ec = new ECKeyGenerator(Curve.P_256).generate();
        assertRefusedEverywhere(signed(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(serverKid()).build(), new ECDSASigner(ec)));
    }

    @Test
    void aForeignKeyUnderTheServersKidIsRefused() throws Exception {
        var foreign = new RSAKeyGenerator(2048).generate();
        assertRefusedEverywhere(signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(serverKid()).build(), new RSASSASigner(foreign)));
    }

    @Test
    void expiryIsCheckedToTheSecondPastTheSixtySecondSkew() {
        Instant now = Instant.now();
        String justExpired = ServerKeyForTests.sign(claims(b -> b.issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(62)))));
        String withinSkew = ServerKeyForTests.sign(claims(b -> b.issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(30)))));

        assertRefusedEverywhere(justExpired);
        assertEquals(200, get(PATH, withinSkew).statusCode(), "the documented 60 s of clock skew");
    }

    @Test
    void oversizedAndDeeplyNestedTokensAreRefusedCheaply() {
        String deep = withLargeStack(() -> ServerKeyForTests.sign(claims(b -> b.claim("deep", nested(2000)))));
        assertRefusedEverywhereOrRefusedByTheContainer(deep);

        String huge = ServerKeyForTests.sign(claims(b -> b.claim("padding", "x".repeat(9000))));
        assertTrue(huge.length() > 8 * 1024);
        assertEquals("{\"active\":false}", introspect(huge).body());
        int status = get(PATH, huge).statusCode();
        assertTrue(status == 400 || status == 401 || status == 431, "refused: " + status);
    }

    private static void assertRefusedEverywhereOrRefusedByTheContainer(String token) {
        int status = get(PATH, token).statusCode();
        assertTrue(status == 400 || status == 401 || status == 431, "refused: " + status);
        assertEquals("{\"active\":false}", introspect(token).body());
    }

    /** Serializing 2,000 levels takes more stack than the test thread may have left; the server is what is tested. */
    private static String withLargeStack(java.util.function.Supplier<String> work) {
        java.util.concurrent.atomic.AtomicReference<String> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(null, () -> result.set(work.get()), "deep-token", 64L * 1024 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result.get();
    }

    private static Object nested(int depth) {
        Object value = "x";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    // --- Headers ---------------------------------------------------------------------------------------

    @Test
    void everyResponseIsNosniffAndSecretsAndTokensAreNeverCached() {
        List<HttpResponse<String>> answers = List.of(get(PATH, null), get(PATH, "not.a.token"),
                get("/api/oauth/jwks", null), get("/api/oauth/.well-known/oauth-authorization-server", null),
                get("/no/such/path", null), ServerHttp.postToken("grant_type=client_credentials"),
                ServerHttp.postToken(form("grant_type", "client_credentials", "client_id", BOOTSTRAP_ID,
                        "client_secret", BOOTSTRAP_SECRET)), introspect("x"));
        for (HttpResponse<String> answer : answers) {
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), answer.uri().toString());
        }
        for (HttpResponse<String> answer : answers.subList(4, answers.size())) {
            assertTrue(answer.headers().firstValue("Cache-Control").orElse("").contains("no-store"), answer.uri().toString());
        }
        assertTrue(get("/api/oauth/jwks", null).headers().firstValue("Cache-Control").orElse("").contains("max-age"));
    }

    // --- Random input over HTTP, a bounded sample --------------------------------------------------------

    private static final Set<Integer> DOCUMENTED = Set.of(400, 401, 403, 404, 405, 413, 415, 429);

    private static void assertDocumentedRefusal(HttpResponse<String> response, String input) {
        assertTrue(DOCUMENTED.contains(response.statusCode()), response.statusCode() + " for " + input + ": " + response.body());
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertTrue(body.containsKey("detail"), response.body());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), response.body());
    }

    private static String randomAddress(int i) {
        return "198.18." + (i / 250) + "." + (i % 250 + 1);
    }

    @Test
    void randomFormBodiesAndHeadersAtTheTokenEndpointAreDocumentedRefusals() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u0000%&=+")
                .ofMaxLength(120);
        Arbitrary<String> bodies = Arbitraries.oneOf(text,
                text.map(t -> "grant_type=client_credentials&client_id=" + t + "&client_secret=x"),
                text.map(t -> "grant_type=client_credentials&" + t),
                text.map(t -> "grant_type=" + t + "&client_id=maxplatform-service&client_secret=x"));
        // A header value the HTTP client can send: printable ASCII (other bytes are the container's, see src/site/markdown/security.md).
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120);
        Arbitrary<String> headers = Arbitraries.oneOf(printable.map(t -> "Basic " + t),
                text.map(t -> "Basic " + Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8))),
                printable.map(t -> "Bearer " + t));
        List<String> sampleBodies = bodies.sampleStream().limit(300).toList();
        List<String> sampleHeaders = headers.sampleStream().limit(300).toList();
        for (int i = 0; i < sampleBodies.size(); i++) {
            String body = sampleBodies.get(i);
            HttpResponse<String> answer = ServerHttp.postToken(body, "X-Forwarded-For", randomAddress(i),
                    "Authorization", sampleHeaders.get(i));
            assertDocumentedRefusal(answer, body + " / " + sampleHeaders.get(i));
        }
    }

    @Test
    void mutatedBearerTokensAreRefusedAtTheAdminApi() {
        String token = ServerHttp.bootstrapToken("admin:oauth");
        Arbitrary<String> mutations = Arbitraries.integers().between(0, token.length() - 1).flatMap(at ->
                Arbitraries.chars().range('!', '~').map(c -> token.substring(0, at) + c + token.substring(at + 1)));
        int accepted = 0;
        for (String mutated : mutations.sampleStream().limit(300).toList()) {
            HttpResponse<String> answer = ServerHttp.send(ServerHttp.request(PATH).header("Authorization", "Bearer " + mutated)
                    .header("X-Forwarded-For", randomAddress(1000)).GET());
            if (answer.statusCode() == 200) {
                accepted++;
                assertEquals(token, mutated, "only the unchanged token is accepted");
            } else {
                assertDocumentedRefusal(answer, mutated);
            }
        }
        assertTrue(accepted < 300);
    }

    @Test
    void randomAdminJsonBodiesAreDocumentedRefusals() {
        String admin = ServerHttp.bootstrapToken("admin:oauth");
        String target = TestClients.register("fuzzed", List.of("read:profile"), List.of()).clientId();
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"client_id\"", "\"client_name\"",
                "\"allowed_scopes\"", "\"is_active\"", "\"version\"", "\"token_lifetime_seconds\"", "\"client_secret\"",
                "\"x\"", "1", "-1", "1.5", "1e400", "1e99999999999", "true", "null", "\"\\u0000\"", "\"read:profile\"");
        Arbitrary<String> bodies = fragments.list().ofMaxSize(25).map(list -> String.join("", list));
        for (String body : bodies.sampleStream().limit(200).toList()) {
            HttpResponse<String> answer = AdminApi.call("POST", "/clients", admin, body);
            if (answer.statusCode() != 201) {
                assertDocumentedRefusal(answer, body);
            }
            HttpResponse<String> patched = AdminApi.call("PATCH", "/clients/" + target, admin, body);
            if (patched.statusCode() != 200) {
                assertTrue(patched.statusCode() == 409 || DOCUMENTED.contains(patched.statusCode()), patched.body());
            }
        }
    }
}
