package io.maxplatform.oauth.client;

/**
 * The client id and secret a request presented, and how (RFC 6749 §2.3.1). {@link #toString()} never shows
 * the secret.
 */
public record ClientCredentials(String clientId, String secret, Method method) {

    public enum Method {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", method=" + method + "]";
    }
}
