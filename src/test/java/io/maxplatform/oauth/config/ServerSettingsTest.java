package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static ServerSettings settings(String bootstrapSecret, String scopes, boolean allowDevelopmentSecrets) {
        ServerSettings settings = new ServerSettings();
        settings.algorithm = "RS256";
        settings.secretKey = Optional.of("0123456789abcdef0123456789abcdef");
        settings.bootstrapClientId = "maxplatform-service";
        settings.bootstrapClientSecret = Optional.of(bootstrapSecret);
        settings.bootstrapClientScopes = scopes;
        settings.tokenExpireHours = 24;
        settings.allowDevelopmentSecrets = allowDevelopmentSecrets;
        settings.jwksMaxAgeSeconds = 300;
        settings.signingKeyRotationDays = 90;
        settings.auditRetentionDays = 365;
        settings.auditRetentionMode = "drop";
        settings.cleanupIntervalSeconds = 3600;
        return settings;
    }

    @Test
    void theGuidesDevelopmentSecretIsRefusedForAnAdminClientOutsideDevelopment() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> settings(
                ServerSettings.GUIDE_DEVELOPMENT_SECRET, "admin:oauth admin:users", false).validate());

        assertTrue(refused.getMessage().contains("SERVICE_CLIENT_SECRET"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ALLOW_DEVELOPMENT_SECRETS"), refused.getMessage());
    }

    @Test
    void aShortSecretIsRefusedForAnAdminClient() {
        assertThrows(IllegalStateException.class, () -> settings("short-but-not-the-guides", "admin:system", false).validate());
    }

    @Test
    void aLongRandomSecretIsAccepted() {
        assertDoesNotThrow(() -> settings("Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo", "admin:oauth", false).validate());
    }

    @Test
    void developmentServersMayUseTheGuidesSecret() {
        assertDoesNotThrow(() -> settings(ServerSettings.GUIDE_DEVELOPMENT_SECRET, "admin:oauth", true).validate());
    }

    @Test
    void aClientWithoutAdminScopesIsNotHeldToTheRule() {
        assertDoesNotThrow(() -> settings("short", "read:profile", false).validate());
    }

    @Test
    void aJwksCachePeriodOutsideOneSecondToAnHourIsRefused() {
        ServerSettings settings = settings("Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo", "admin:oauth", false);
        settings.jwksMaxAgeSeconds = 0;
        assertTrue(assertThrows(IllegalStateException.class, settings::validate).getMessage().contains("JWKS_MAX_AGE_SECONDS"));
        settings.jwksMaxAgeSeconds = 3601;
        assertThrows(IllegalStateException.class, settings::validate);
    }

    @Test
    void aNegativeRotationPeriodIsRefusedAndZeroMeansManual() {
        ServerSettings settings = settings("Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo", "admin:oauth", false);
        settings.signingKeyRotationDays = 0;
        assertDoesNotThrow(settings::validate);
        settings.signingKeyRotationDays = -1;
        assertTrue(assertThrows(IllegalStateException.class, settings::validate).getMessage().contains("SIGNING_KEY_ROTATION_DAYS"));
    }

    @Test
    void theAuditRetentionIsDaysOrZeroAndItsModeDropOrDetach() {
        ServerSettings settings = settings("Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo", "admin:oauth", false);
        settings.auditRetentionDays = 0;
        settings.auditRetentionMode = "detach";
        assertDoesNotThrow(settings::validate);
        assertTrue(settings.auditRetentionDetaches());
        settings.auditRetentionDays = -1;
        assertTrue(assertThrows(IllegalStateException.class, settings::validate).getMessage().contains("AUDIT_RETENTION_DAYS"));
        settings.auditRetentionDays = 30;
        settings.auditRetentionMode = "delete";
        assertTrue(assertThrows(IllegalStateException.class, settings::validate).getMessage().contains("AUDIT_RETENTION_MODE"));
        settings.auditRetentionMode = "drop";
        settings.cleanupIntervalSeconds = 0;
        assertTrue(assertThrows(IllegalStateException.class, settings::validate).getMessage().contains("CLEANUP_INTERVAL_SECONDS"));
    }
}
