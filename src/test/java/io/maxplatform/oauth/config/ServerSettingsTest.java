package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static final String GOOD_SECRET = "Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo";

    /** A configuration the server accepts, with {@code overrides} on top. */
    private static ServerSettings settings(String... overrides) {
        Map<String, String> variables = new HashMap<>(Map.of(
                "SECRET_KEY", "0123456789abcdef0123456789abcdef",
                "SERVICE_CLIENT_SECRET", GOOD_SECRET));
        for (int i = 0; i < overrides.length; i += 2) {
            variables.put(overrides[i], overrides[i + 1]);
        }
        return ServerSettings.of(variables);
    }

    private static String refusal(String... overrides) {
        return assertThrows(IllegalStateException.class, () -> settings(overrides).validate()).getMessage();
    }

    @Test
    void theGuidesDevelopmentSecretIsRefusedForAnAdminClientOutsideDevelopment() {
        String message = refusal("SERVICE_CLIENT_SECRET", ServerSettings.GUIDE_DEVELOPMENT_SECRET,
                "SERVICE_CLIENT_SCOPES", "admin:oauth admin:users");

        assertTrue(message.contains("SERVICE_CLIENT_SECRET"), message);
        assertTrue(message.contains("ALLOW_DEVELOPMENT_SECRETS"), message);
    }

    @Test
    void aShortSecretIsRefusedForAnAdminClient() {
        refusal("SERVICE_CLIENT_SECRET", "short-but-not-the-guides", "SERVICE_CLIENT_SCOPES", "admin:system");
    }

    @Test
    void aLongRandomSecretIsAccepted() {
        assertDoesNotThrow(() -> settings("SERVICE_CLIENT_SCOPES", "admin:oauth").validate());
    }

    @Test
    void developmentServersMayUseTheGuidesSecret() {
        assertDoesNotThrow(() -> settings("SERVICE_CLIENT_SECRET", ServerSettings.GUIDE_DEVELOPMENT_SECRET,
                "ALLOW_DEVELOPMENT_SECRETS", "true").validate());
    }

    @Test
    void aClientWithoutAdminScopesIsNotHeldToTheRule() {
        assertDoesNotThrow(() -> settings("SERVICE_CLIENT_SECRET", "short", "SERVICE_CLIENT_SCOPES", "read:profile").validate());
    }

    @Test
    void theServerSecretsAreRequiredAndNeverRepeated() {
        assertTrue(refusal("SECRET_KEY", " ").contains("SECRET_KEY is not set"));
        String message = refusal("SECRET_KEY", "too-short-to-be-a-key");
        assertTrue(message.contains("SECRET_KEY must be at least 32 characters"), message);
        assertFalse(message.contains("too-short-to-be-a-key"), message);
        assertTrue(refusal("SERVICE_CLIENT_SECRET", "").contains("SERVICE_CLIENT_SECRET is not set"));
    }

    @Test
    void aJwksCachePeriodOutsideOneSecondToAnHourIsRefused() {
        assertTrue(refusal("JWKS_MAX_AGE_SECONDS", "0").contains("JWKS_MAX_AGE_SECONDS must be an integer from 1 to 3600"));
        refusal("JWKS_MAX_AGE_SECONDS", "3601");
    }

    @Test
    void aNegativeRotationPeriodIsRefusedAndZeroMeansManual() {
        assertDoesNotThrow(() -> settings("SIGNING_KEY_ROTATION_DAYS", "0").validate());
        assertTrue(refusal("SIGNING_KEY_ROTATION_DAYS", "-1").contains("SIGNING_KEY_ROTATION_DAYS"));
    }

    @Test
    void theAuditRetentionIsDaysOrZeroAndItsModeDropOrDetach() {
        ServerSettings settings = settings("AUDIT_RETENTION_DAYS", "0", "AUDIT_RETENTION_MODE", "detach");
        assertDoesNotThrow(settings::validate);
        assertTrue(settings.auditRetentionDetaches());
        assertTrue(refusal("AUDIT_RETENTION_DAYS", "-1").contains("AUDIT_RETENTION_DAYS"));
        assertTrue(refusal("AUDIT_RETENTION_MODE", "delete").contains("AUDIT_RETENTION_MODE"));
    }

    @Test
    void aFailureLimitOfZeroWouldThrottleEveryClientAndIsRefused() {
        String message = refusal("AUTH_FAILURES_PER_CLIENT_PER_MINUTE", "0");
        assertTrue(message.contains("AUTH_FAILURES_PER_CLIENT_PER_MINUTE must be an integer from 1 to 100000, not \"0\""),
                message);
        assertTrue(refusal("AUTH_FAILURES_PER_SOURCE_PER_MINUTE", "0").contains("AUTH_FAILURES_PER_SOURCE_PER_MINUTE"));
        assertTrue(refusal("AUTH_FAILURES_PER_SOURCE_PER_MINUTE", "twenty").contains("not \"twenty\""));
    }

    @Test
    void theSlowVerificationBudgetNeedsAtLeastOnePerSecondAndABurstOfOne() {
        assertTrue(refusal("AUTH_SLOW_VERIFICATIONS_PER_SECOND", "0").contains("AUTH_SLOW_VERIFICATIONS_PER_SECOND"));
        assertTrue(refusal("AUTH_SLOW_VERIFICATIONS_BURST", "0").contains("AUTH_SLOW_VERIFICATIONS_BURST"));
        ServerSettings settings = settings("AUTH_SLOW_VERIFICATIONS_PER_SECOND", "2.5", "AUTH_SLOW_VERIFICATIONS_BURST", "1");
        assertDoesNotThrow(settings::validate);
        assertEquals(2.5, settings.slowVerificationsPerSecond());
        assertEquals(1, settings.slowVerificationsBurst());
    }

    @Test
    void theForwardedHeaderIsOneOfTheTwoThatProxiesWrite() {
        String message = refusal("FORWARDED_HEADER", "X-Real-IP");
        assertTrue(message.contains("FORWARDED_HEADER must be one of X-Forwarded-For, Forwarded, not \"X-Real-IP\""), message);
        assertEquals("Forwarded", settings("FORWARDED_HEADER", "forwarded").forwardedHeader());
        assertEquals("X-Forwarded-For", settings().forwardedHeader());
    }

    @Test
    void aCleanUpIntervalOutsideOneSecondToADayIsRefused() {
        assertTrue(refusal("CLEANUP_INTERVAL_SECONDS", "0").contains("CLEANUP_INTERVAL_SECONDS must be an integer from 1 to 86400"));
        assertTrue(refusal("CLEANUP_INTERVAL_SECONDS", "1h").contains("not \"1h\""));
        assertEquals(Duration.ofSeconds(2), settings("CLEANUP_INTERVAL_SECONDS", "2").cleanupInterval());
    }

    @Test
    void outboundFetchesAreHttpsToPublicAddressesOfNoHostUntilAllowed() {
        ServerSettings defaults = settings();
        assertFalse(defaults.outboundAllowHttp());
        assertEquals(List.of(), defaults.outboundAllowedHosts());
        assertFalse(defaults.outboundAllowPrivateAddresses());
        assertEquals(Duration.ofSeconds(30), defaults.outboundRefetchInterval());

        ServerSettings allowed = settings("OUTBOUND_ALLOW_HTTP", "TRUE", "OUTBOUND_ALLOWED_HOSTS",
                " Keys.Example.com,*.partner.example , 10.0.0.5,[fd00::1]", "OUTBOUND_ALLOW_PRIVATE_ADDRESSES", "true",
                "OUTBOUND_REFETCH_INTERVAL_SECONDS", "1");
        assertDoesNotThrow(allowed::validate);
        assertTrue(allowed.outboundAllowHttp());
        assertEquals(List.of("keys.example.com", "*.partner.example", "10.0.0.5", "[fd00::1]"), allowed.outboundAllowedHosts());
        assertTrue(allowed.outboundAllowPrivateAddresses());
        assertEquals(Duration.ofSeconds(1), allowed.outboundRefetchInterval());
    }

    @Test
    void anAllowedHostIsANameOrAWildcardOfOne() {
        for (String list : new String[] {"https://keys.example.com", "keys.example.com/jwks", "*", "*.", "a..b",
                "keys.example.com,,other.example", "user@keys.example.com", "-bad.example"}) {
            String message = refusal("OUTBOUND_ALLOWED_HOSTS", list);
            assertTrue(message.contains("OUTBOUND_ALLOWED_HOSTS must be host names"), list + ": " + message);
        }
        assertTrue(refusal("OUTBOUND_REFETCH_INTERVAL_SECONDS", "0").contains("from 1 to 3600"));
        assertTrue(refusal("OUTBOUND_ALLOW_HTTP", "yes").contains("OUTBOUND_ALLOW_HTTP must be true or false"));
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        String message = refusal("ALGORITHM", "HS256", "HTTP_PORT", "80800", "PUBLIC_URL", "auth.example.com",
                "TOKEN_AUDIENCE", "platform", "ALLOW_DEVELOPMENT_SECRETS", "yes", "DATABASE_URL", "postgres://db/platform");

        for (String variable : new String[] {"ALGORITHM", "HTTP_PORT", "PUBLIC_URL", "ALLOW_DEVELOPMENT_SECRETS", "DATABASE_URL"}) {
            assertTrue(message.contains(variable + " must be"), variable + " in: " + message);
        }
        assertTrue(message.contains("RFC 8725"), message);
        assertFalse(message.contains("TOKEN_AUDIENCE"), message);
    }

    @Test
    void aValueReadBeforeTheCheckIsRefusedTheSameWay() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> settings("AUTH_FAILURES_PER_CLIENT_PER_MINUTE", "0").authFailuresPerClientPerMinute());
        assertTrue(refused.getMessage().startsWith("AUTH_FAILURES_PER_CLIENT_PER_MINUTE must be"), refused.getMessage());
    }

    @Test
    void unsetSettingsTakeTheirDefaults() {
        ServerSettings settings = settings();
        assertEquals(20, settings.authFailuresPerClientPerMinute());
        assertEquals(200, settings.authFailuresPerSourcePerMinute());
        assertEquals(Duration.ofHours(24), settings.tokenLifetime());
        assertEquals("", settings.trustedProxies());
        assertEquals("http://localhost:8000/api/oauth", settings.issuer());
        assertEquals("https://auth.example.com/api/oauth", settings("PUBLIC_URL", "https://auth.example.com/").issuer());
        assertEquals("maxplatform", settings.audience());
    }
}
