package io.maxplatform.oauth.authentication;

/**
 * A client assertion a request presented (RFC 7521 §4.2, {@code private_key_jwt}): the JWT, and the
 * {@code client_id} parameter when the request named one. {@link #toString()} never shows the JWT, which
 * authenticates whoever presents it until it expires.
 */
record ClientAssertion(String clientIdParameter, String jwt) {

    /** RFC 7523 §2.2. */
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Override
    public String toString() {
        return "ClientAssertion[clientId=" + clientIdParameter + "]";
    }
}
