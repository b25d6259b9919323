package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client authenticating with the identity token its platform writes to a file (RFC 7521 §4.2, RFC 7523 §2.2). */
class ClientAssertionFileTest {

    private final FakeTokenServer server = new FakeTokenServer();
    private final MutableClock clock = new MutableClock();
    private final List<String> warnings = new ArrayList<>();
    private final KeyPair platformKey = TestKeys.ecP256();
    private final String tokenA = PlatformTokens.signed(platformKey, "reports-job");
    private final String tokenB = PlatformTokens.signed(platformKey, "reports-job");
    @TempDir
    Path dir;

    ClientAssertionFileTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path tokenFile(String content) throws IOException {
        return Files.writeString(dir.resolve("token"), content);
    }

    private ServiceTokenProvider.Builder provider(Path file) {
        return ServiceTokenProvider.builder().baseUrl(server.baseUrl()).clientAssertionFile(file)
                .scopes("admin:oauth").clock(clock).warnings(warnings::add);
    }

    @Test
    void theFileIsReadAgainForEveryTokenRequestButTheTokenStaysCached() throws Exception {
        assertNotEquals(tokenA, tokenB, "a new signature each time");
        Path file = tokenFile(tokenA + "\n");
        ServiceTokenProvider tokens = provider(file).build();

        assertEquals("token-1", tokens.getToken());
        Files.writeString(file, tokenB + "\n");
        assertEquals("token-1", tokens.getToken(), "cached until its renewal time");
        assertEquals(1, server.tokenRequests.get());
        clock.advance(Duration.ofHours(24).minusMinutes(10));
        assertEquals("token-2", tokens.getToken(), "renewed");

        Map<String, String> first = server.form(0);
        assertEquals(tokenA, first.get("client_assertion"), "the file's token, its newline removed");
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", first.get("client_assertion_type"));
        assertNull(server.authorizations.get(0), "no Basic header");
        assertEquals(tokenB, server.form(1).get("client_assertion"), "the renewal read the rewritten file");
    }

    @Test
    void clientIdIsSentOnlyWhenItIsSet() throws Exception {
        Path file = tokenFile(tokenA);
        ServiceTokenProvider fromTheToken = ServiceTokenProvider.builder().environment(Map.of(
                "SERVICE_AUTH_URL", server.baseUrl(), "SERVICE_CLIENT_ASSERTION_FILE", file.toString())).build();
        ServiceTokenProvider named = ServiceTokenProvider.builder().environment(Map.of("SERVICE_AUTH_URL", server.baseUrl(),
                "SERVICE_CLIENT_ASSERTION_FILE", file.toString(), "SERVICE_CLIENT_ID", "reports-job")).build();

        fromTheToken.getToken();
        named.getToken();

        assertFalse(server.form(0).containsKey("client_id"), "not the guide's default id: the server finds the client by the token");
        assertEquals(tokenA, server.form(0).get("client_assertion"));
        assertEquals("reports-job", server.form(1).get("client_id"));
        assertTrue(fromTheToken.toString().contains("clientId=unsent"), fromTheToken.toString());
    }

    @Test
    void aFileOfSixteenKibIsReadItsWhiteSpaceRemoved() throws Exception {
        String padded = "\n" + tokenA + " ".repeat(ClientAssertionFile.MAX_BYTES - tokenA.length() - 2) + "\n";
        assertEquals(ClientAssertionFile.MAX_BYTES, padded.length());

        provider(tokenFile(padded)).build().getToken();

        assertEquals(tokenA, server.form(0).get("client_assertion"));
    }

    @Test
    void anUnusableFileIsRefusedNamingTheFileNeverItsContent() throws Exception {
        String marker = "c2VjcmV0LWluLXRoZS1maWxl";
        Map<String, String> contents = Map.of(
                "empty", "",
                "blank", " \n\t\n",
                "too large", marker + "." + marker.repeat(ClientAssertionFile.MAX_BYTES / marker.length()) + "." + marker,
                // A private key named there by mistake, made for this test: never sent, never shown.
                "no JWT", TestPem.encode("PRIVATE KEY", TestKeys.ecP256().getPrivate().getEncoded()) + marker + "\n");
        for (Map.Entry<String, String> content : contents.entrySet()) {
            Path file = Files.writeString(dir.resolve(content.getKey().replace(' ', '-')), content.getValue());
            ServiceTokenProvider tokens = provider(file).build();

            ServiceTokenException.AssertionFileUnusable e =
                    assertThrows(ServiceTokenException.AssertionFileUnusable.class, tokens::getToken, content.getKey());

            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertFalse(e.getMessage().contains(marker), e.getMessage());
        }
        Path missing = dir.resolve("missing");
        ServiceTokenException.AssertionFileUnusable e = assertThrows(ServiceTokenException.AssertionFileUnusable.class,
                provider(missing).build()::getToken);
        assertTrue(e.getMessage().contains(missing + " cannot be read"), e.getMessage());
        assertEquals(0, server.tokenRequests.get(), "nothing sent");
    }

    @Test
    void aSecretOrAKeyBesideTheFileIsRefused() throws Exception {
        Path file = tokenFile(tokenA);
        ServiceTokenException secret = assertThrows(ServiceTokenException.NotConfigured.class,
                () -> provider(file).clientSecret("s3cret-value").build());
        assertTrue(secret.getMessage().contains("SERVICE_CLIENT_ASSERTION_FILE is set together with SERVICE_CLIENT_SECRET"),
                secret.getMessage());
        assertFalse(secret.getMessage().contains("s3cret-value"));

        String pem = TestPem.encode("PRIVATE KEY", TestKeys.ecP256().getPrivate().getEncoded());
        ServiceTokenException key = assertThrows(ServiceTokenException.NotConfigured.class, () -> ServiceTokenProvider.builder()
                .environment(Map.of("SERVICE_CLIENT_ASSERTION_FILE", file.toString(), "SERVICE_CLIENT_PRIVATE_KEY", pem,
                        "SERVICE_CLIENT_KEY_ID", "k1")).build());
        assertTrue(key.getMessage().contains("a private key"), key.getMessage());
        assertThrows(ServiceTokenException.NotConfigured.class,
                () -> provider(file).privateKey(TestKeys.rsa().getPrivate(), "k1").build());
        assertEquals(0, server.tokenRequests.get());
    }

    @Test
    void aRefusedAssertionIsBadCredentialsAndTheTokenIsNeverShown() throws Exception {
        Path file = tokenFile(tokenA);
        server.tokenStatus = 401;
        server.tokenErrorBody = "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}";
        ServiceTokenProvider tokens = provider(file).build();

        ServiceTokenException.Refused e = assertThrows(ServiceTokenException.Refused.class, tokens::getToken);

        assertTrue(e.isBadCredentials());
        assertFalse(e.getMessage().contains(tokenA));
        assertTrue(tokens.toString().contains("assertion=file " + file), tokens.toString());
        assertFalse(tokens.toString().contains(tokenA));
    }

    @Test
    void aFileGoneAtRenewalKeepsTheValidTokenAndIsReadAgainLater() throws Exception {
        Path file = tokenFile(tokenA);
        ServiceTokenProvider tokens = provider(file).build();
        tokens.getToken();
        Files.delete(file);
        clock.advance(Duration.ofHours(24).minusMinutes(10));

        assertEquals("token-1", tokens.getToken());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(file.toString()) && !warnings.get(0).contains(tokenA), warnings.get(0));

        Files.writeString(file, tokenB);
        clock.advance(RenewingTokens.RENEWAL_RETRY);
        assertEquals("token-2", tokens.getToken());
        assertEquals(tokenB, server.form(1).get("client_assertion"));
    }
}
