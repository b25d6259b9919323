package io.maxplatform.oauth.outbound;

/**
 * A URL (or CA bundle) the server will not fetch keys from, refused when it is registered. The message is
 * meant for the API caller: what is wrong and, where an operator's setting decides, which one.
 */
public class UnacceptableUrl extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnacceptableUrl(String message) {
        super(message);
    }
}
