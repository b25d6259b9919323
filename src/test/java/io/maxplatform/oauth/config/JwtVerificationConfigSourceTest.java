package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derived MicroProfile JWT settings read each variable from where ServerSettings reads it, in the same order. */
class JwtVerificationConfigSourceTest {

    private static final DotEnvFile DOT_ENV = DotEnvFile.parse(List.of("PUBLIC_URL=https://dotenv.example.com",
            "TOKEN_AUDIENCE=from-dotenv", "ALGORITHM=ES256", "HTTP_PORT=7000"));

    private static JwtVerificationConfigSource source(Map<String, String> systemProperties, Map<String, String> environment) {
        return new JwtVerificationConfigSource(new SettingLookup(systemProperties::get, environment, DOT_ENV::lookup));
    }

    @Test
    void theDotEnvFileIsTheLowest() {
        JwtVerificationConfigSource source = source(Map.of(), Map.of());

        assertEquals("https://dotenv.example.com/api/oauth", source.getValue(JwtVerificationConfigSource.ISSUER));
        assertEquals("from-dotenv", source.getValue(JwtVerificationConfigSource.AUDIENCES));
        assertEquals("http://localhost:7000/api/oauth/jwks", source.getValue(JwtVerificationConfigSource.KEY_LOCATION));
    }

    @Test
    void theEnvironmentWinsOverTheDotEnvFile() {
        JwtVerificationConfigSource source = source(Map.of(), Map.of("PUBLIC_URL", "https://env.example.com/", "HTTP_PORT", "9000"));

        assertEquals("https://env.example.com/api/oauth", source.getValue(JwtVerificationConfigSource.ISSUER));
        assertEquals("http://localhost:9000/api/oauth/jwks", source.getValue(JwtVerificationConfigSource.KEY_LOCATION));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentUnderEitherName() {
        Map<String, String> environment = Map.of("PUBLIC_URL", "https://env.example.com", "TOKEN_AUDIENCE", "from-env",
                "ALGORITHM", "RS256");

        JwtVerificationConfigSource source = source(Map.of("public.url", "https://property.example.com",
                "TOKEN_AUDIENCE", "from-property", "algorithm", "ES256"), environment);

        assertEquals("https://property.example.com/api/oauth", source.getValue(JwtVerificationConfigSource.ISSUER));
        assertEquals("from-property", source.getValue(JwtVerificationConfigSource.AUDIENCES));
        assertEquals("ES256", source.getValue(JwtVerificationConfigSource.KEY_ALGORITHM));
    }

    @Test
    void theServerSignsWithTheAlgorithmAndIssuerItVerifies() {
        SettingLookup lookup = new SettingLookup(Map.of("algorithm", "ES256", "jwks.max.age.seconds", "120")::get,
                Map.of("ALGORITHM", "RS256", "PUBLIC_URL", "https://env.example.com"), DOT_ENV::lookup);
        JwtVerificationConfigSource source = new JwtVerificationConfigSource(lookup);
        ServerSettings settings = ServerSettings.read(lookup);

        assertEquals(settings.algorithm(), source.getValue(JwtVerificationConfigSource.KEY_ALGORITHM));
        assertEquals(settings.issuer(), source.getValue(JwtVerificationConfigSource.ISSUER));
        assertEquals(String.valueOf(settings.jwksMaxAgeSeconds() / 60), source.getValue(JwtVerificationConfigSource.JWKS_REFRESH_MINUTES));
    }

    @Test
    void aValueItsRuleRefusesLeavesTheDefaultForTheStartUpCheckToRefuse() {
        JwtVerificationConfigSource source = source(Map.of(), Map.of("JWKS_MAX_AGE_SECONDS", "soon", "ALGORITHM", "HS256"));

        assertEquals("5", source.getValue(JwtVerificationConfigSource.JWKS_REFRESH_MINUTES));
        assertEquals("RS256", source.getValue(JwtVerificationConfigSource.KEY_ALGORITHM));
    }
}
