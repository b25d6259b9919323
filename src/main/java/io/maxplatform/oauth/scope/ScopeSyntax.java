package io.maxplatform.oauth.scope;

import io.maxplatform.oauth.error.OAuthException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code scope} parameter's grammar, RFC 6749 §3.3 and Appendix A.4: tokens of NQCHAR
 * ({@code %x21 / %x23-5B / %x5D-7E}) separated by single spaces. Anything else (tabs, double spaces,
 * non-ASCII, quotes, backslashes) is refused, never split leniently. Scopes are case-sensitive.
 */
public final class ScopeSyntax {

    static final int MAX_LENGTH = 1000;

    private ScopeSyntax() {
    }

    /** The distinct scopes of {@code value}, in the order given; empty for an empty value. */
    public static List<String> parse(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.length() > MAX_LENGTH) {
            throw OAuthException.invalidScope("The scope parameter is too long");
        }
        List<String> scopes = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ' ') {
                if (i == start) {
                    throw OAuthException.invalidScope("Scopes must be separated by single spaces");
                }
                scopes.add(value.substring(start, i));
                start = i + 1;
            } else if (!isNqChar(value.charAt(i))) {
                throw OAuthException.invalidScope("The scope parameter contains a character RFC 6749 does not allow");
            }
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    /** The scopes of a token's own {@code scope} claim (written by this server); empty for none. */
    public static List<String> split(String claim) {
        return claim == null || claim.isBlank() ? List.of() : List.of(claim.strip().split(" +"));
    }

    private static boolean isNqChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }
}
