package io.maxplatform.oauth.outbound;

/**
 * No usable key set for a source: the fetch failed (a timeout, a status other than 200, a redirect, a body
 * too large, a private address, not JSON, an issuer mismatch, …) and no earlier set may stand in for it.
 * The message names the source by its URL without query and the reason; it never carries a token or a secret.
 */
public class KeysUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeysUnavailable(String message) {
        super(message);
    }

    static KeysUnavailable of(KeySource source, String reason) {
        return new KeysUnavailable("No keys from " + source.described() + ": " + reason);
    }
}
