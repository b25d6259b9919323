package io.maxplatform.oauth.outbound;

import static io.maxplatform.oauth.outbound.TestKeys.ec;
import static io.maxplatform.oauth.outbound.TestKeys.jwks;
import static io.maxplatform.oauth.outbound.TestKeys.kids;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.metrics.ServerMetrics;
import io.maxplatform.servicetoken.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fetching, caching and refusing key sets, against a real HTTP server on 127.0.0.1 and a clock moved by hand. */
class RemoteKeySetsTest {

    private static final ECKey KEY_A = ec("a");
    private static final ECKey KEY_B = ec("b");

    private final RemoteServer remote = RemoteServer.http();
    private final MutableClock clock = new MutableClock();
    private final List<String> failuresCounted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTheRemoteServer() {
        remote.close();
    }

    /** The service as the server runs it, over http, with a refetch interval of 1 s and {@code variables} on top. */
    private RemoteKeySets keySets(String... variables) {
        Map<String, String> settings = new HashMap<>(Map.of("OUTBOUND_ALLOW_HTTP", "true",
                "OUTBOUND_REFETCH_INTERVAL_SECONDS", "1"));
        for (int i = 0; i < variables.length; i += 2) {
            settings.put(variables[i], variables[i + 1]);
        }
        RemoteKeySets keySets = new RemoteKeySets();
        keySets.settings = ServerSettings.of(settings);
        keySets.metrics = new ServerMetrics() {
            @Override
            public void keyFetchFailed(String kind, String reach) {
                failuresCounted.add(kind + "/" + reach);
            }
        };
        keySets.clock = clock;
        return keySets;
    }

    private KeySource jwksAt(String path) {
        return new KeySource(KeySource.Kind.JWKS, remote.uri(path), Reach.ANCHOR, Optional.empty());
    }

    /** A slow server: {@code path} answers {@code json} once the test releases it (or after 5 s). */
    private void answerOnceReleased(String path, CountDownLatch release, String json) {
        remote.answer(path, exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RemoteServer.send(exchange, 200, json);
        });
    }

    private static String refusal(RemoteKeySets keySets, KeySource source) {
        return assertThrows(KeysUnavailable.class, () -> keySets.keys(source)).getMessage();
    }

    @Test
    void aSetIsFetchedOnceAndServedFromTheCacheWhileFresh() {
        remote.answerJson("/jwks", jwks(KEY_A, KEY_B));
        RemoteKeySets keySets = keySets();

        assertEquals(List.of("a", "b"), kids(keySets.keys(jwksAt("/jwks"))));
        assertEquals(List.of("a", "b"), kids(keySets.keysWithKid(jwksAt("/jwks"), "b")));

        assertEquals(1, remote.requests("/jwks"));
        assertTrue(keySets.keys(jwksAt("/jwks")).stream().noneMatch(JWK::isPrivate));
    }

    @Test
    void theServersMaxAgeDecidesHowLongASetIsFresh() {
        remote.answerJson("/jwks", jwks(KEY_A), "Cache-Control", "public, max-age=600");
        RemoteKeySets keySets = keySets();
        keySets.keys(jwksAt("/jwks"));

        clock.advance(Duration.ofSeconds(599));
        keySets.keys(jwksAt("/jwks"));
        assertEquals(1, remote.requests("/jwks"), "fresh for 600 s");

        clock.advance(Duration.ofSeconds(1));
        keySets.keys(jwksAt("/jwks"));
        assertEquals(2, remote.requests("/jwks"), "stale at 600 s");
    }

    @Test
    void aMaxAgeIsKeptBetweenAMinuteAndADay() {
        remote.answerJson("/short", jwks(KEY_A), "Cache-Control", "max-age=5");
        remote.answerJson("/uncached", jwks(KEY_A), "Cache-Control", "no-store");
        remote.answerJson("/long", jwks(KEY_A), "Cache-Control", "max-age=31536000");
        remote.answerJson("/silent", jwks(KEY_A));
        RemoteKeySets keySets = keySets();
        List.of("/short", "/uncached", "/long", "/silent").forEach(path -> keySets.keys(jwksAt(path)));

        clock.advance(Duration.ofSeconds(59));
        List.of("/short", "/uncached").forEach(path -> keySets.keys(jwksAt(path)));
        assertEquals(List.of(1, 1), List.of(remote.requests("/short"), remote.requests("/uncached")), "a minute at least");
        clock.advance(Duration.ofSeconds(1));
        List.of("/short", "/uncached").forEach(path -> keySets.keys(jwksAt(path)));
        assertEquals(List.of(2, 2), List.of(remote.requests("/short"), remote.requests("/uncached")));

        clock.advance(Duration.ofSeconds(299 - 60));
        keySets.keys(jwksAt("/silent"));
        assertEquals(1, remote.requests("/silent"), "5 minutes without a header");
        clock.advance(Duration.ofSeconds(1));
        keySets.keys(jwksAt("/silent"));
        assertEquals(2, remote.requests("/silent"));

        clock.advance(Duration.ofHours(24).minusSeconds(300));
        keySets.keys(jwksAt("/long"));
        assertEquals(2, remote.requests("/long"), "a day at most");
    }

    @Test
    void anUnknownKidIsFetchedOnceAndNotAgainWithinTheInterval() {
        remote.answerJson("/jwks", jwks(KEY_A));
        RemoteKeySets keySets = keySets();
        keySets.keys(jwksAt("/jwks"));
        remote.answerJson("/jwks", jwks(KEY_A, KEY_B));

        assertEquals(List.of("a"), kids(keySets.keysWithKid(jwksAt("/jwks"), "b")), "fetched less than 1 s ago");
        assertEquals(1, remote.requests("/jwks"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a", "b"), kids(keySets.keysWithKid(jwksAt("/jwks"), "b")), "the issuer rotated");
        assertEquals(2, remote.requests("/jwks"));

        assertEquals(List.of("a", "b"), kids(keySets.keysWithKid(jwksAt("/jwks"), "made-up")));
        assertEquals(2, remote.requests("/jwks"), "a second unknown kid within the interval fetches nothing");

        clock.advance(Duration.ofSeconds(1));
        keySets.keysWithKid(jwksAt("/jwks"), "made-up-too");
        assertEquals(3, remote.requests("/jwks"), "after the interval");
    }

    @Test
    void whileTheServerIsDownTheLastGoodSetIsServedAndTheFailureCounted() {
        remote.answerJson("/jwks", jwks(KEY_A), "Cache-Control", "max-age=300");
        RemoteKeySets keySets = keySets();
        keySets.keys(jwksAt("/jwks"));
        remote.answer("/jwks", exchange -> RemoteServer.send(exchange, 503, "down"));

        clock.advance(Duration.ofSeconds(300));
        assertEquals(List.of("a"), kids(keySets.keys(jwksAt("/jwks"))));
        assertEquals(List.of("jwks/anchor"), failuresCounted);
        assertEquals(2, remote.requests("/jwks"));

        keySets.keys(jwksAt("/jwks"));
        assertEquals(2, remote.requests("/jwks"), "not tried again within the interval");

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertEquals(List.of("a"), kids(keySets.keys(jwksAt("/jwks"))), "served up to a day past its freshness");
        assertEquals(List.of("jwks/anchor", "jwks/anchor"), failuresCounted);

        clock.advance(Duration.ofSeconds(1));
        String message = refusal(keySets, jwksAt("/jwks"));
        assertTrue(message.contains("status 503") && message.contains("24 h"), message);

        remote.answerJson("/jwks", jwks(KEY_B));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("b"), kids(keySets.keys(jwksAt("/jwks"))), "back once the server answers");
    }

    @Test
    void withoutAnEarlierSetAFailureIsKeysUnavailable() {
        URI closed = remote.uri("/jwks");
        remote.close();

        String message = refusal(keySets(), new KeySource(KeySource.Kind.JWKS, closed, Reach.ANCHOR, Optional.empty()));

        assertTrue(message.startsWith("No keys from the JWK Set " + closed), message);
        assertEquals(List.of("jwks/anchor"), failuresCounted);
    }

    @Test
    void aRedirectIsRefusedNotFollowed() {
        remote.answerJson("/elsewhere", jwks(KEY_A));
        remote.answer("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Location", remote.uri("/elsewhere").toString());
            RemoteServer.send(exchange, 302, "");
        });

        String message = refusal(keySets(), jwksAt("/jwks"));

        assertTrue(message.contains("redirect refused (status 302"), message);
        assertEquals(0, remote.requests("/elsewhere"));
    }

    @Test
    void aStatusOtherThan200IsRefused() {
        String message = refusal(keySets(), jwksAt("/missing"));

        assertTrue(message.contains("status 404"), message);
    }

    @Test
    void aBodyOver64KibIsRefused() {
        String padding = "x".repeat(BoundedGet.MAX_BODY_BYTES);
        remote.answerJson("/jwks", TestKeys.withMembers(Map.of("padding", padding), KEY_A.toPublicJWK()));

        String message = refusal(keySets(), jwksAt("/jwks"));

        assertTrue(message.contains("larger than 64 KiB"), message);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        answerOnceReleased("/jwks", release, jwks(KEY_A));
        RemoteKeySets keySets = keySets();
        keySets.http = new BoundedGet(BoundedGet.CONNECT_TIMEOUT, Duration.ofMillis(100), BoundedGet.MAX_BODY_BYTES);
        try {
            String message = refusal(keySets, jwksAt("/jwks"));

            assertTrue(message.contains("within 100 ms"), message);
        } finally {
            release.countDown();
        }
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        remote.answerJson("/jwks", jwks(KEY_A));
        RemoteKeySets keySets = keySets("OUTBOUND_ALLOW_HTTP", "false");

        String message = refusal(keySets, jwksAt("/jwks"));
        String registration = assertThrows(UnacceptableUrl.class,
                () -> keySets.checkAcceptable(remote.uri("/jwks"), Reach.ANCHOR)).getMessage();

        assertTrue(message.contains("must use https"), message);
        assertTrue(registration.contains("OUTBOUND_ALLOW_HTTP"), registration);
        assertEquals(0, remote.requests("/jwks"));
    }

    @Test
    void aClientsUrlMustNameAnAllowedHost() {
        remote.answerJson("/jwks", jwks(KEY_A));
        KeySource client = new KeySource(KeySource.Kind.JWKS, remote.uri("/jwks"), Reach.CLIENT, Optional.empty());

        String unset = assertThrows(UnacceptableUrl.class,
                () -> keySets().checkAcceptable(client.uri(), Reach.CLIENT)).getMessage();
        RemoteKeySets elsewhere = keySets("OUTBOUND_ALLOWED_HOSTS", "keys.example.com, *.partner.example");
        String notListed = assertThrows(UnacceptableUrl.class,
                () -> elsewhere.checkAcceptable(client.uri(), Reach.CLIENT)).getMessage();
        String atFetch = refusal(elsewhere, client);

        assertTrue(unset.contains("not set OUTBOUND_ALLOWED_HOSTS"), unset);
        assertTrue(notListed.contains("127.0.0.1") && notListed.contains("OUTBOUND_ALLOWED_HOSTS"), notListed);
        assertTrue(atFetch.contains("OUTBOUND_ALLOWED_HOSTS"), atFetch);
        assertEquals(0, remote.requests("/jwks"));
        assertEquals(List.of("jwks/client"), failuresCounted);
        elsewhere.checkAcceptable(remote.uri("/jwks"), Reach.ANCHOR);
    }

    @Test
    void aClientsUrlMayNotReachAPrivateAddressUnlessAllowed() {
        remote.answerJson("/jwks", jwks(KEY_A));
        KeySource client = new KeySource(KeySource.Kind.JWKS, remote.uri("/jwks"), Reach.CLIENT, Optional.empty());
        RemoteKeySets publicOnly = keySets("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1,localhost");
        publicOnly.checkAcceptable(client.uri(), Reach.CLIENT);

        String loopback = refusal(publicOnly, client);
        String byName = refusal(publicOnly, new KeySource(KeySource.Kind.JWKS,
                URI.create("http://localhost:" + client.uri().getPort() + "/jwks"), Reach.CLIENT, Optional.empty()));

        assertTrue(loopback.contains("private address 127.0.0.1"), loopback);
        assertTrue(byName.contains("private address"), byName);
        assertEquals(0, remote.requests("/jwks"));

        RemoteKeySets privateAllowed = keySets("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1",
                "OUTBOUND_ALLOW_PRIVATE_ADDRESSES", "true");
        assertEquals(List.of("a"), kids(privateAllowed.keys(client)));
    }

    @Test
    void anIssuersDiscoveryDocumentLeadsToItsKeys() {
        String issuer = remote.origin();
        remote.answerJson(KeySetFetcher.DISCOVERY_PATH, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}");
        remote.answerJson("/keys", jwks(KEY_A));
        RemoteKeySets keySets = keySets();

        assertEquals(List.of("a"), kids(keySets.keys(new KeySource(KeySource.Kind.DISCOVERY, URI.create(issuer),
                Reach.ANCHOR, Optional.empty()))));
    }

    @Test
    void aDiscoveryDocumentMustNameTheIssuerExactly() {
        String issuer = remote.origin();
        remote.answerJson(KeySetFetcher.DISCOVERY_PATH, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}");
        remote.answerJson("/keys", jwks(KEY_A));

        String message = refusal(keySets(), new KeySource(KeySource.Kind.DISCOVERY, URI.create(issuer + "/"),
                Reach.ANCHOR, Optional.empty()));

        assertTrue(message.contains("issuer is \"" + issuer + "\", not \"" + issuer + "/\""), message);
        assertEquals(0, remote.requests("/keys"));
        assertEquals(List.of("discovery/anchor"), failuresCounted);
    }

    @Test
    void aDiscoveryDocumentsJwksUriIsHeldToTheSameRules() {
        String issuer = remote.origin();
        remote.answerJson(KeySetFetcher.DISCOVERY_PATH, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\""
                + remote.uri("/keys").toString().replace("://", "://user:secret@") + "\"}");

        String message = refusal(keySets(), new KeySource(KeySource.Kind.DISCOVERY, URI.create(issuer), Reach.ANCHOR,
                Optional.empty()));

        assertTrue(message.contains("user information"), message);
        assertTrue(!message.contains("secret"), message);
        assertEquals(0, remote.requests("/keys"));
    }

    @Test
    void aSpiffeBundleGivesItsJwtSvidKeysFreshForItsRefreshHint() {
        ECKey jwtSvid = ec(com.nimbusds.jose.jwk.Curve.P_256, "jwt", new KeyUse("jwt-svid"));
        ECKey x509Svid = ec(com.nimbusds.jose.jwk.Curve.P_256, "x509", new KeyUse("x509-svid"));
        remote.answerJson("/bundle", TestKeys.withMembers(Map.of("spiffe_refresh_hint", 3600, "spiffe_sequence", 7),
                jwtSvid.toPublicJWK(), x509Svid.toPublicJWK(), KEY_A.toPublicJWK()), "Cache-Control", "max-age=60");
        RemoteKeySets keySets = keySets();
        KeySource bundle = new KeySource(KeySource.Kind.SPIFFE_BUNDLE, remote.uri("/bundle"), Reach.ANCHOR, Optional.empty());

        assertEquals(List.of("jwt"), kids(keySets.keys(bundle)));

        clock.advance(Duration.ofSeconds(3599));
        keySets.keys(bundle);
        assertEquals(1, remote.requests("/bundle"), "the hint, not Cache-Control");
        clock.advance(Duration.ofSeconds(1));
        keySets.keys(bundle);
        assertEquals(2, remote.requests("/bundle"));
    }

    @Test
    void aPrivateKeyInARemoteSetIsLeftOutAndTheRestServed() {
        remote.answerJson("/jwks", TestKeys.withMembers(Map.of(), ec("leaked"), KEY_A.toPublicJWK()));

        assertEquals(List.of("a"), kids(keySets().keys(jwksAt("/jwks"))));
    }

    @Test
    void aBodyThatIsNotAKeySetIsAFailure() {
        remote.answerJson("/html", "<html>hello</html>");
        remote.answerJson("/object", "{\"issuer\":\"x\"}");

        assertTrue(refusal(keySets(), jwksAt("/html")).contains("not a JSON object"));
        assertTrue(refusal(keySets(), jwksAt("/object")).contains("no \"keys\" array"));
    }

    @Test
    void concurrentRequestsForOneSourceShareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        answerOnceReleased("/jwks", release, jwks(KEY_A));
        RemoteKeySets keySets = keySets();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<JWK>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> keySets.keysWithKid(jwksAt("/jwks"), "a")));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> remote.requests("/jwks") == 1);
            release.countDown();
            for (Future<List<JWK>> answer : answers) {
                assertEquals(List.of("a"), kids(answer.get(5, TimeUnit.SECONDS)));
            }
            assertEquals(1, remote.requests("/jwks"));
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }
}
