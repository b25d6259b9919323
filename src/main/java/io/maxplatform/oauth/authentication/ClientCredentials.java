package io.maxplatform.oauth.authentication;

/**
 * The client id and secret a request presented (RFC 6749 §2.3.1). {@link #toString()} never shows the
 * secret.
 */
record ClientCredentials(String clientId, String secret) {

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + "]";
    }
}
