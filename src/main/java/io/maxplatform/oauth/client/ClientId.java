package io.maxplatform.oauth.client;

import java.util.regex.Pattern;

/**
 * What a client id may be, in one place. Two rules, one inside the other: the ids the admin API registers
 * today (src/site/markdown/service-developers.md, "Service admin API": 3–100 of {@code a-z 0-9 . _ -}), and the wider set of ids that may name
 * a client at all, which every lookup accepts, so that no id the server ever stored is turned away: the
 * bootstrap client's id comes from {@code SERVICE_CLIENT_ID}, not from the admin API.
 */
public final class ClientId {

    /** {@code oauth_clients.client_id} is {@code varchar(100)}: a longer id names no client. */
    public static final int MAX_LENGTH = 100;

    /** Lower-case letters, digits, {@code . _ -}; 3 to 100 characters, starting with a letter or digit. */
    private static final Pattern REGISTERED = Pattern.compile("[a-z0-9][a-z0-9._-]{2," + (MAX_LENGTH - 1) + "}");

    private ClientId() {
    }

    /** Whether a new client may be registered under this id. Every such id also {@link #mayNameAClient}. */
    public static boolean isRegistrable(String clientId) {
        return clientId != null && REGISTERED.matcher(clientId).matches();
    }

    /**
     * Whether this text may name a client: RFC 6749 Appendix A.1 ({@code client-id = *VSCHAR}, printable ASCII
     * and space), not empty, and no longer than the column. Anything else names no client and must not reach
     * the database, which would refuse a NUL as an error of its own and make bad input look like an outage.
     */
    public static boolean mayNameAClient(String clientId) {
        return clientId != null && !clientId.isEmpty() && clientId.length() <= MAX_LENGTH
                && clientId.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }
}
