package io.maxplatform.oauth.federation;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;

/**
 * An identity token whose signature, issuer, audience and times were checked against its anchor: who it names
 * ({@code sub}), all its claims (for a client's claim conditions), and until when it could be accepted (how long a
 * record of its {@code jti} must be kept when the anchor demands single use).
 */
public record VerifiedIdentity(Anchor anchor, String subject, JWTClaimsSet claims, Instant usableUntil) {

    /** What the audit row says of it: the anchor and the external subject. */
    public String auditDetail() {
        return auditDetail(anchor.name(), subject);
    }

    public static String auditDetail(String anchor, String subject) {
        return "trust_anchor=" + anchor + " subject=" + subject;
    }
}
