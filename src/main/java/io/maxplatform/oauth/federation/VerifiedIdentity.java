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

    /** Longer claimed values are cut here, so that the audit detail always holds what comes after them. */
    static final int MAX_CLAIMED_LENGTH = 200;

    /**
     * What the audit row says of a token refused before its checks passed: marked unverified first, so that no
     * length of the claimed values can push the mark out of the row's detail.
     */
    public static String unverified(String anchor, String subject) {
        return "unverified: trust_anchor=" + anchor + " " + claimed("subject", subject);
    }

    /** {@code name=value}, the value cut to {@value #MAX_CLAIMED_LENGTH} characters. */
    public static String claimed(String name, String value) {
        String shown = value == null ? "(none)" : value.length() > MAX_CLAIMED_LENGTH
                ? value.substring(0, MAX_CLAIMED_LENGTH) + "…" : value;
        return name + "=" + shown;
    }
}
