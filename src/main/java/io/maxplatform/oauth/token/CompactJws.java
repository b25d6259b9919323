package io.maxplatform.oauth.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * The strict form of a signed JWT: RFC 7515 §3.1 compact serialization, three parts of base64url without
 * padding (§2), each spelled the one way its bytes encode. JOSE decoders skip characters outside the
 * alphabet and ignore the unused bits of the last character, so one token has many spellings; refusing all
 * but the canonical one keeps any cache or deny-list keyed on the token text sound. Cheap: no JSON, no
 * signature.
 */
public final class CompactJws {

    /** Longer tokens are refused unread (ours are under 1 KB). */
    public static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_NESTING = 8;

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CompactJws() {
    }

    public static boolean isCanonical(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return false;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || second == token.length() - 1) {
            return false;
        }
        return isCanonicalPart(token.substring(0, first)) && isCanonicalPart(token.substring(first + 1, second))
                && isCanonicalPart(token.substring(second + 1));
    }

    private static boolean isCanonicalPart(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                return false;
            }
        }
        try {
            return ENCODER.encodeToString(DECODER.decode(part)).equals(part);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * Whether a canonical token's claims nest at most {@value #MAX_NESTING} arrays or objects deep (ours: two).
     * MicroProfile JWT runtimes convert the claims recursively; WildFly's may run out of stack on thousands of
     * levels, or may not, so such a token is refused after it rather than left to chance.
     */
    public static boolean isShallow(String token) {
        int first = token.indexOf('.');
        String payload = new String(DECODER.decode(token.substring(first + 1, token.indexOf('.', first + 1))),
                StandardCharsets.UTF_8);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return false;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return true;
    }

    /** A canonical token's header, or null when it is not a JWS header. */
    public static JWSHeader header(String token) {
        try {
            return JWSHeader.parse(new Base64URL(token.substring(0, token.indexOf('.'))));
        } catch (ParseException | RuntimeException notAHeader) {
            return null;
        }
    }
}
