package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.error.OAuthException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Authorization: Basic} for client authentication. RFC 6749 §2.3.1: the id and the secret are each
 * form-url-encoded before being joined with {@code :}, so the first colon separates them and each part is
 * form-url-decoded. The scheme name is case-insensitive (RFC 9110 §11.1).
 */
final class BasicCredentials {

    private BasicCredentials() {
    }

    /**
     * The credentials of a Basic header; empty when the header uses another scheme. A Basic header that
     * cannot be decoded is a failed client authentication.
     */
    static Optional<ClientCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return Optional.empty();
        }
        String encoded = space < 0 ? "" : value.substring(space + 1).strip();
        String decoded = decodeBase64Utf8(encoded);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient("malformed_basic_credentials");
        }
        String clientId = formDecode(decoded.substring(0, colon));
        String secret = formDecode(decoded.substring(colon + 1));
        if (clientId.isEmpty()) {
            throw OAuthException.invalidClient("malformed_basic_credentials");
        }
        return Optional.of(new ClientCredentials(clientId, secret));
    }

    private static String decodeBase64Utf8(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw OAuthException.invalidClient("malformed_basic_credentials");
        }
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("malformed_basic_credentials");
        }
    }
}
