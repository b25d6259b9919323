package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check tool with {@code SERVICE_CLIENT_ASSERTION_FILE}, against a token endpoint that, as the server
 * does, accepts a platform's token only with the platform's signature (RFC 7523 §3, item 9).
 */
class ServiceTokenCheckTest {

    private final FakeTokenServer server = new FakeTokenServer();
    private final KeyPair platformKey = TestKeys.ecP256();
    private final String platformToken = PlatformTokens.signed(platformKey, "reports-job");
    @TempDir
    Path dir;

    ServiceTokenCheckTest() throws Exception {
        server.jwtShapedTokens = true;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private boolean signedByThePlatform(Map<String, String> form) {
        try {
            return SignedJWT.parse(form.get("client_assertion")).verify(new ECDSAVerifier((ECPublicKey) platformKey.getPublic()));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    private String check(Map<String, String> env, int expectedExit) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = new ServiceTokenCheck(server.baseUrl(), env, new PrintStream(output, true, StandardCharsets.UTF_8)).run();
        String printed = output.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, printed);
        assertFalse(printed.contains(platformToken), "the assertion is never printed");
        return printed;
    }

    @Test
    void allSixChecksPassAndTheForgedAssertionIsRefusedForItsSignatureAlone() throws Exception {
        server.authenticates = this::signedByThePlatform;
        Path file = Files.writeString(dir.resolve("token"), platformToken + "\n");

        String printed = check(Map.of("SERVICE_CLIENT_ASSERTION_FILE", file.toString()), 0);

        assertTrue(printed.contains("as the client its assertion names (client assertion from " + file + ")"), printed);
        assertTrue(printed.contains("✅ Security checks: no token → 401, its assertion re-signed with an unregistered key"
                + " → 401 invalid_client, tampered token → 401"), printed);
        assertTrue(printed.contains("Summary: 6 of 6 checks passed"), printed);
        List<Map<String, String>> forms = IntStream.range(0, server.bodies.size()).mapToObj(server::form).toList();
        List<Map<String, String>> forged = forms.stream().filter(form -> !signedByThePlatform(form)).toList();
        assertEquals(1, forged.size(), "one forged assertion, refused");
        SignedJWT real = SignedJWT.parse(platformToken);
        SignedJWT copy = SignedJWT.parse(forged.get(0).get("client_assertion"));
        assertEquals(real.getPayload().toString(), copy.getPayload().toString(), "the same claims");
        assertEquals(real.getHeader().getKeyID(), copy.getHeader().getKeyID(), "the same kid");
        assertNotEquals(real.getSignature(), copy.getSignature());
        assertTrue(forms.stream().noneMatch(form -> form.containsKey("client_id")), "SERVICE_CLIENT_ID is not set");
    }

    @Test
    void aServerThatTakesAForgedAssertionFailsTheSecurityCheck() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), platformToken);

        String printed = check(Map.of("SERVICE_CLIENT_ASSERTION_FILE", file.toString(), "SERVICE_CLIENT_ID", "reports-job"), 1);

        assertTrue(printed.contains("as reports-job (client assertion from " + file + ")"), printed);
        assertTrue(printed.contains("❌ Security checks: its assertion re-signed with an unregistered key was accepted"), printed);
        assertTrue(printed.contains("Summary: 5 of 6 checks passed"), printed);
    }

    @Test
    void aSecretBesideTheAssertionFileFailsEveryTokenCheckWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), platformToken);

        String printed = check(Map.of("SERVICE_CLIENT_ASSERTION_FILE", file.toString(), "SERVICE_CLIENT_SECRET", "s3cret-value"), 1);

        assertTrue(printed.contains("❌ Service token issuance: SERVICE_CLIENT_ASSERTION_FILE is set together with "
                + "SERVICE_CLIENT_SECRET"), printed);
        assertFalse(printed.contains("s3cret-value"));
        assertTrue(server.authorizations.stream().allMatch(Objects::isNull), "the secret is never sent");
    }
}
