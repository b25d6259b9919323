package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DotEnvFileTest {

    @Test
    void readsTheGuidesEnvFileWithTrailingComments() {
        DotEnvFile env = DotEnvFile.parse(List.of(
                "# 서비스 토큰 설정",
                "SERVICE_TOKEN=                                    # 직접 토큰 지정 (선택사항)",
                "SERVICE_CLIENT_ID=maxplatform-service             # 서비스 클라이언트 ID",
                "SERVICE_TOKEN_EXPIRE_HOURS=24                     # 토큰 만료 시간 (시간)",
                "export SECRET_KEY=\"quoted # not a comment\"",
                "ALGORITHM='ES256'"));

        assertEquals(Optional.empty(), env.lookup("SERVICE_TOKEN"));
        assertEquals(Optional.of("maxplatform-service"), env.lookup("service.client.id"));
        assertEquals(Optional.of("24"), env.lookup("service.token.expire.hours"));
        assertEquals(Optional.of("quoted # not a comment"), env.lookup("secret.key"));
        assertEquals(Optional.of("ES256"), env.lookup("ALGORITHM"));
    }

    @Test
    void derivedJwtSettingsFollowTheDotEnvFile() {
        JwtVerificationConfigSource source = new JwtVerificationConfigSource(DotEnvFile.parse(List.of(
                "PUBLIC_URL=https://auth.example.com/", "TOKEN_AUDIENCE=platform", "HTTP_PORT=9000",
                "JWKS_MAX_AGE_SECONDS=90")));

        if (System.getenv("PUBLIC_URL") == null && System.getProperty("PUBLIC_URL") == null) {
            assertEquals("https://auth.example.com/api/oauth", source.getValue(JwtVerificationConfigSource.ISSUER));
        }
        if (System.getenv("HTTP_PORT") == null && System.getProperty("HTTP_PORT") == null) {
            assertEquals("http://localhost:9000/api/oauth/jwks", source.getValue(JwtVerificationConfigSource.KEY_LOCATION));
        }
        if (System.getenv("JWKS_MAX_AGE_SECONDS") == null && System.getProperty("jwks.max.age.seconds") == null) {
            // SmallRye's minutes: 90 s rounds up to 2, never below the verifiers' cache time.
            assertEquals("2", source.getValue(JwtVerificationConfigSource.JWKS_REFRESH_MINUTES));
            assertEquals("1", source.getValue(JwtVerificationConfigSource.JWKS_FORCED_REFRESH_MINUTES));
        }
    }
}
