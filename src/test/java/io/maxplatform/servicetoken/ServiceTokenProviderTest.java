package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTokenProviderTest {

    private final FakeTokenServer server = new FakeTokenServer();
    private final MutableClock clock = new MutableClock();
    private final List<String> warnings = new ArrayList<>();

    ServiceTokenProviderTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ServiceTokenProvider.Builder provider() {
        return ServiceTokenProvider.builder().baseUrl(server.baseUrl()).clientId("svc").clientSecret("s3cret:&")
                .scopes("admin:oauth").clock(clock).warnings(warnings::add);
    }

    @Test
    void aTokenIsFetchedOnceAndCached() {
        ServiceTokenProvider tokens = provider().build();

        assertEquals("token-1", tokens.getToken());
        assertEquals("token-1", tokens.getToken());
        assertEquals(1, server.tokenRequests.get());
        String basic = new String(Base64.getDecoder().decode(server.authorizations.get(0).substring(6)), StandardCharsets.UTF_8);
        assertEquals("svc:s3cret%3A%26", basic, "RFC 6749 §2.3.1: form-url-encoded before base64");
    }

    @Test
    void eachScopeSetHasItsOwnToken() {
        ServiceTokenProvider tokens = provider().build();

        assertEquals("token-1", tokens.getToken("admin:oauth"));
        assertEquals("token-2", tokens.getToken("admin:users"));
        assertEquals("token-1", tokens.getToken("admin:oauth"));
    }

    @Test
    void renewsThirtyMinutesBeforeExpiry() {
        ServiceTokenProvider tokens = provider().build();
        tokens.getToken();

        clock.advance(Duration.ofHours(24).minusMinutes(34));
        assertEquals("token-1", tokens.getToken(), "outside the margin and its jitter");
        clock.advance(Duration.ofMinutes(5));
        assertEquals("token-2", tokens.getToken(), "29 minutes before expiry");
    }

    @Test
    void shortTokensRenewAtAProportionalMargin() {
        server.expiresIn = 600;
        ServiceTokenProvider tokens = provider().build();
        tokens.getToken();

        clock.advance(Duration.ofMinutes(4));
        assertEquals("token-1", tokens.getToken());
        clock.advance(Duration.ofSeconds(91));
        assertEquals("token-2", tokens.getToken(), "half of a 10-minute lifetime, plus at most 10 % jitter");
    }

    @Test
    void theMarginHasJitterOfAtMostATenth() {
        RenewingTokens tokens = new RenewingTokens(null, ServiceTokenProvider.DEFAULT_RENEW_BEFORE, Clock.systemUTC(), warning -> { });
        Set<Duration> margins = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Duration margin = tokens.renewalMargin(Duration.ofHours(24));
            assertTrue(margin.compareTo(Duration.ofMinutes(30)) >= 0 && margin.compareTo(Duration.ofMinutes(33)) <= 0, margin.toString());
            margins.add(margin);
        }
        assertTrue(margins.size() > 1, "not every instance renews in the same second");
    }

    @Test
    void aHundredThreadsCauseOneTokenRequest() throws Exception {
        ServiceTokenProvider tokens = provider().build();
        server.hold = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(100);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    return tokens.getToken();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            assertTrue(server.arrived.await(10, TimeUnit.SECONDS));
            server.hold.countDown();
            for (Future<String> result : results) {
                assertEquals("token-1", result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, server.tokenRequests.get());
    }

    @Test
    void duringARenewalOthersKeepTheValidTokenInsteadOfWaiting() throws Exception {
        ServiceTokenProvider tokens = provider().build();
        tokens.getToken();
        clock.advance(Duration.ofHours(24).minusMinutes(10));
        server.hold = new CountDownLatch(1);
        server.arrived = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> renewing = pool.submit(() -> tokens.getToken());
            assertTrue(server.arrived.await(10, TimeUnit.SECONDS));

            assertEquals("token-1", tokens.getToken(), "answered at once while the renewal is held");

            server.hold.countDown();
            assertEquals("token-2", renewing.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, server.tokenRequests.get());
    }

    @Test
    void serviceTokenFromTheEnvironmentIsUsedAsItIs() {
        ServiceTokenProvider tokens = provider().environment(Map.of("SERVICE_TOKEN", "ready-made")).build();

        assertEquals("ready-made", tokens.getToken());
        assertEquals(0, server.tokenRequests.get());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void anExpiredOrExpiringServiceTokenIsReported() {
        provider().serviceToken(jwtExpiringAt(clock.instant().minusSeconds(60))).build();
        provider().serviceToken(jwtExpiringAt(clock.instant().plusSeconds(300))).build();
        provider().serviceToken(jwtExpiringAt(clock.instant().plus(Duration.ofHours(5)))).build();

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("expired"));
        assertTrue(warnings.get(1).contains("expires soon"));
    }

    @Test
    void a401RenewsAndRetriesOnce() {
        ServiceTokenProvider tokens = provider().build();
        server.api = token -> token.equals("token-1") ? 401 : 200;

        HttpResponse<String> response = new ServiceApiClient(tokens).call("GET", server.baseUrl() + "/api/thing");

        assertEquals(200, response.statusCode());
        assertEquals(2, server.apiCalls.get());
        assertEquals(2, server.tokenRequests.get());
    }

    @Test
    void aSecond401IsReturnedNotRetriedAgain() {
        ServiceTokenProvider tokens = provider().build();
        server.api = token -> 401;

        HttpResponse<String> response = new ServiceApiClient(tokens).call("GET", server.baseUrl() + "/api/thing");

        assertEquals(401, response.statusCode());
        assertEquals(2, server.apiCalls.get());
        assertEquals(2, server.tokenRequests.get());
    }

    @Test
    void aRefusedServiceTokenGivesWayToClientCredentials() {
        ServiceTokenProvider tokens = provider().serviceToken("stale").build();
        server.api = token -> token.equals("stale") ? 401 : 200;

        assertEquals(200, new ServiceApiClient(tokens).call("GET", server.baseUrl() + "/api/thing").statusCode());
        assertEquals(1, server.tokenRequests.get());
    }

    @Test
    void badCredentialsAreTypedAndNeverShowTheSecret() {
        server.tokenStatus = 401;
        server.tokenErrorBody = "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}";
        ServiceTokenProvider tokens = provider().build();

        ServiceTokenException.Refused e = assertThrows(ServiceTokenException.Refused.class, tokens::getToken);

        assertTrue(e.isBadCredentials());
        assertEquals("Invalid client credentials", e.errorDescription());
        assertFalse(e.getMessage().contains("s3cret"));
        assertFalse(tokens.toString().contains("s3cret"));
    }

    @Test
    void unreachableAndUnexpectedAnswersAreTyped() {
        server.tokenStatus = 502;
        server.tokenErrorBody = "<html>Bad Gateway</html>";
        assertThrows(ServiceTokenException.UnexpectedResponse.class, () -> provider().build().getToken());

        ServiceTokenProvider nowhere = provider().baseUrl("http://127.0.0.1:1").build();
        assertThrows(ServiceTokenException.Unreachable.class, nowhere::getToken);

        assertThrows(ServiceTokenException.NotConfigured.class, () -> provider().clientSecret(null).build().getToken());
    }

    @Test
    void aFailedRenewalKeepsTheStillValidToken() {
        ServiceTokenProvider tokens = provider().build();
        tokens.getToken();
        clock.advance(Duration.ofHours(24).minusMinutes(10));
        server.tokenStatus = 503;

        assertEquals("token-1", tokens.getToken());
        assertEquals("token-1", tokens.getToken());
        assertEquals(2, server.tokenRequests.get(), "one failed attempt, not one per call");
        assertEquals(1, warnings.size());

        server.tokenStatus = 200;
        clock.advance(RenewingTokens.RENEWAL_RETRY);
        assertEquals("token-3", tokens.getToken(), "retried after the pause");
    }

    private static String jwtExpiringAt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
