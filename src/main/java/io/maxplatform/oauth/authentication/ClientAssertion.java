package io.maxplatform.oauth.authentication;

import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.error.OAuthException;
import java.text.ParseException;
import java.util.Optional;

/**
 * A client assertion a request presented (RFC 7521 §4.2, {@code private_key_jwt}): the JWT, parsed once
 * however often it is asked for, and the {@code client_id} parameter when the request named one.
 * {@link #toString()} never shows the JWT, which authenticates whoever presents it until it expires.
 */
final class ClientAssertion {

    /** RFC 7523 §2.2. */
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String clientIdParameter;
    private final String jwt;
    private SignedJWT parsed;
    private OAuthException unreadable;

    ClientAssertion(String clientIdParameter, String jwt) {
        this.clientIdParameter = clientIdParameter;
        this.jwt = jwt;
    }

    /** The {@code client_id} parameter, or null. */
    String clientIdParameter() {
        return clientIdParameter;
    }

    /** The signed JWT; {@code invalid_client} when it is not one. */
    SignedJWT parsed() {
        if (parsed == null && unreadable == null) {
            try {
                parsed = ClientAssertions.parse(jwt);
            } catch (OAuthException e) {
                unreadable = e;
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return parsed;
    }

    /** Whom it claims to be ({@code sub}, unverified), for the audit trail and the throttle. */
    Optional<String> claimedSubject() {
        try {
            return Optional.ofNullable(parsed().getJWTClaimsSet().getSubject());
        } catch (OAuthException | ParseException unreadableClaims) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ClientAssertion[clientId=" + clientIdParameter + "]";
    }
}
