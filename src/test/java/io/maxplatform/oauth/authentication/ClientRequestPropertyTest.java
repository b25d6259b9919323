package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Thousands of random and mutated form bodies and Authorization headers at the client-request parsers:
 * every outcome is a value or a documented refusal (400, 401 or 413 with an OAuth error code), never any
 * other exception.
 */
class ClientRequestPropertyTest {

    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;
    private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_client");

    /** Characters that matter to the form grammar, and some that must never pass. */
    @Provide
    Arbitrary<String> formishText() {
        return Arbitraries.strings()
                .withChars("abcAZ09=&%+_-.:*~ \t\r\n\u0000\u007f\u00e9\u0664\u200b\uFF21")
                .withCharRange('!', '~')
                .ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> authorizationHeaders() {
        Arbitrary<String> raw = Arbitraries.strings().withCharRange(' ', '~').withChars("\u0000\u00e9:").ofMaxLength(80);
        Arbitrary<String> basic = raw.map(pair -> "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> scheme = Arbitraries.of("Basic ", "basic ", "BASIC", "Bearer ", "Digest ", "", " Basic  ");
        return Arbitraries.oneOf(basic, raw, scheme.flatMap(s -> raw.map(r -> s + r)));
    }

    private static void assertDocumentedRefusal(OAuthException e) {
        assertTrue(ERRORS.contains(e.error()), e.error());
        assertTrue(Set.of(400, 401, 413).contains(e.status()), String.valueOf(e.status()));
        assertTrue(e.description() != null && !e.description().isBlank());
    }

    @Property(tries = 3000)
    void anyBodyAndHeaderIsParsedOrRefusedAsDocumented(@ForAll("formishText") String body,
                                                       @ForAll("authorizationHeaders") String authorization) {
        try {
            ClientRequest request = ClientRequest.read(body, FORM, false, ClientRequest.Authorization.read(authorization),
                    credentials -> null);
            request.claimedClientId();
            ClientCredentials credentials = request.credentials();
            assertTrue(credentials.clientId() != null && !credentials.clientId().isEmpty());
        } catch (OAuthException refused) {
            assertDocumentedRefusal(refused);
        }
    }

    @Property(tries = 1000)
    void anEncodedFormReadsBackExactly(@ForAll @StringLength(max = 30) List<@StringLength(min = 1, max = 20) String> values) {
        Map<String, String> sent = new LinkedHashMap<>();
        for (int i = 0; i < values.size() && i < FormBody.MAX_PARAMETERS; i++) {
            sent.put("p" + i, values.get(i));
        }
        StringBuilder body = new StringBuilder();
        sent.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            FormBody form = FormBody.parse(body.toString());
            sent.forEach((name, value) -> assertEquals(value, form.get(name).orElseThrow()));
        } catch (OAuthException refused) {
            // Only a value that is not valid UTF-16 text (a lone surrogate) may be refused.
            assertEquals("invalid_request", refused.error());
            assertTrue(values.stream().anyMatch(v -> v.chars().anyMatch(c -> Character.isSurrogate((char) c))));
        }
    }

    @Property(tries = 2000)
    void aMutatedValidRequestIsNeverAuthenticatedAsAnotherClient(@ForAll("formishText") String noise,
                                                                @ForAll int position) {
        String valid = "grant_type=client_credentials&client_id=svc&client_secret=s3cret";
        int at = Math.floorMod(position, valid.length() + 1);
        String mutated = valid.substring(0, at) + noise + valid.substring(at);
        try {
            ClientRequest request = ClientRequest.read(mutated, FORM, false, ClientRequest.Authorization.read(null),
                    credentials -> RegisteredClient.of(new Client(credentials.clientId(), "n", "h", List.of(), List.of())));
            request.credentials();
        } catch (OAuthException refused) {
            assertDocumentedRefusal(refused);
        }
    }
}
