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
    /** draft-ietf-oauth-spiffe-client-auth: a SPIFFE JWT-SVID as the assertion. */
    static final String SPIFFE_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-spiffe";

    private final String clientIdParameter;
    private final String jwt;
    private final boolean spiffe;
    private SignedJWT parsed;
    private OAuthException unreadable;

    /** @param spiffe sent as {@link #SPIFFE_TYPE}: only a SPIFFE trust anchor may vouch for it */
    ClientAssertion(String clientIdParameter, String jwt, boolean spiffe) {
        this.clientIdParameter = clientIdParameter;
        this.jwt = jwt;
        this.spiffe = spiffe;
    }

    boolean isSpiffe() {
        return spiffe;
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

    /**
     * Whom it claims to be ({@code sub}, unverified), for the audit trail and the throttle; empty for an identity
     * token of another issuer, whose {@code sub} is no client id.
     */
    Optional<String> claimedSubject() {
        try {
            var claims = parsed().getJWTClaimsSet();
            return Optional.ofNullable(claims.getSubject())
                    .filter(sub -> !namesAnIssuer(claims.getIssuer(), sub));
        } catch (OAuthException | ParseException unreadableClaims) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code iss} and {@code sub} are those of an identity token of another issuer (an issuer URL, a SPIFFE ID)
     * rather than of a client's own assertion, whose {@code iss} and {@code sub} are its client id.
     */
    static boolean namesAnIssuer(String issuer, String subject) {
        return (issuer != null && issuer.contains("://")) || (subject != null && subject.startsWith("spiffe://"));
    }

    @Override
    public String toString() {
        return "ClientAssertion[clientId=" + clientIdParameter + "]";
    }
}
