package io.maxplatform.oauth.outbound;

import java.net.URI;

/**
 * One fetch of a key set failed, and why, in words fit for a log line and an operator: the reason becomes
 * the message of {@link KeysUnavailable} when no earlier set stands in. Checked, so that every step of a fetch
 * (rules, addresses, HTTP, parsing) must say what it does with a failure.
 */
final class FetchFailed extends Exception {

    private static final long serialVersionUID = 1L;
    /** What of a remote server's text a reason repeats at most. */
    private static final int MAX_QUOTED = 200;

    FetchFailed(String reason) {
        super(reason, null, false, false);
    }

    /** A URL as messages show it: scheme, host, port and path, without query (it might carry a credential). */
    static String shown(URI uri) {
        if (uri.getHost() == null) {
            return quoted(uri.getScheme() + ":…");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** How a reason names the request it is about: {@code GET https://host/path: }. */
    static String at(URI uri) {
        return "GET " + shown(uri) + ": ";
    }

    /**
     * A value another server sent, as a reason quotes it: in quotes, cut short, without control characters,
     * so that it cannot forge log lines.
     */
    static String quoted(String remote) {
        String value = String.valueOf(remote);
        String shortened = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "…" : value;
        return "\"" + shortened.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
