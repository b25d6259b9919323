package io.maxplatform.oauth.outbound;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JWK Set (RFC 7517 §5) or SPIFFE trust bundle (SPIFFE Trust Domain and Bundle §4) as this server uses it:
 * the keys that may verify a signature, and what was left out and why. Kept: RSA keys of at least 2048 bits
 * (RFC 7518 §3.3) and EC keys on P-256, the keys of RS256, PS256 and ES256, public only. A JWK Set's keys
 * must have no {@code use} or {@code "use":"sig"} (RFC 7517 §4.2); a bundle's only {@code "use":"jwt-svid"}
 * (SPIFFE Trust Domain and Bundle §4.2.2; its {@code x509-svid} keys authenticate TLS peers, not JWTs), and its
 * {@code spiffe_refresh_hint} (§4.1.2) is read as the set's freshness.
 * <p>
 * Each key is read on its own, so one key the server cannot use (an unknown type or use, a certificate chain that
 * does not match the key) leaves the others usable, as the bundle format asks of its clients (§4.1.3, §4.2.1):
 * a remote set is not refused for what this server ignores. A key
 * with private members is left out too, never used: it is a remote set, whose publisher leaked its key. Keys
 * without {@code kid} are kept; a caller asking for a key id cannot select them, but may try them. Pure logic.
 */
record KeySetDocument(List<JWK> keys, List<String> leftOut, boolean privateKeyLeftOut, Optional<Duration> refreshHint) {

    static final String JWT_SVID = "jwt-svid";
    static final int MIN_RSA_BITS = 2048;

    /**
     * @throws UnacceptableKeySet when {@code json} is not a JSON object with a {@code keys} array of objects
     */
    static KeySetDocument parse(KeySource.Kind kind, String json) {
        Map<String, Object> set;
        Map<String, Object>[] members;
        try {
            set = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new UnacceptableKeySet("The " + kind.description() + " is not a JSON object");
        }
        try {
            members = JSONObjectUtils.getJSONObjectArray(set, "keys");
        } catch (ParseException e) {
            members = null;
        }
        if (members == null) {
            throw new UnacceptableKeySet("The " + kind.description() + " has no \"keys\" array of JWKs (RFC 7517 §5)");
        }
        List<JWK> keys = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        boolean privateKeyLeftOut = false;
        for (int i = 0; i < members.length; i++) {
            Optional<JWK> key = parsed(members[i]);
            Optional<String> refusal = key.isEmpty() ? Optional.of("not a JWK this server can read") : refusal(kind, key.get());
            if (refusal.isEmpty()) {
                keys.add(key.get());
            } else {
                privateKeyLeftOut |= key.isPresent() && key.get().isPrivate();
                leftOut.add("key " + (i + 1) + key.map(JWK::getKeyID).map(kid -> " (kid " + FetchFailed.quoted(kid) + ")")
                        .orElse("") + ": " + refusal.get());
            }
        }
        Optional<Duration> hint = kind == KeySource.Kind.SPIFFE_BUNDLE && set.get("spiffe_refresh_hint") instanceof Number seconds
                ? Optional.of(Duration.ofSeconds(seconds.longValue())) : Optional.empty();
        return new KeySetDocument(List.copyOf(keys), List.copyOf(leftOut), privateKeyLeftOut, hint);
    }

    private static Optional<JWK> parsed(Map<String, Object> member) {
        try {
            return Optional.of(JWK.parse(member));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why the key is left out; empty when it is kept. */
    private static Optional<String> refusal(KeySource.Kind kind, JWK key) {
        if (key.isPrivate()) {
            return Optional.of("has private key material, never used");
        }
        String use = key.getKeyUse() == null ? null : key.getKeyUse().getValue();
        if (kind == KeySource.Kind.SPIFFE_BUNDLE && !JWT_SVID.equals(use)) {
            return Optional.of("its use is " + (use == null ? "not given" : FetchFailed.quoted(use)) + ", not jwt-svid");
        }
        if (kind != KeySource.Kind.SPIFFE_BUNDLE && use != null && !KeyUse.SIGNATURE.getValue().equals(use)) {
            return Optional.of("its use is " + FetchFailed.quoted(use) + ", not sig");
        }
        if (key instanceof RSAKey rsa) {
            return rsa.size() >= MIN_RSA_BITS ? Optional.empty()
                    : Optional.of("an RSA key of " + rsa.size() + " bits, under " + MIN_RSA_BITS);
        }
        if (key instanceof ECKey ec) {
            return Curve.P_256.equals(ec.getCurve()) ? Optional.empty()
                    : Optional.of("an EC key on " + ec.getCurve() + ", not P-256");
        }
        return Optional.of("a key of type " + key.getKeyType() + ", not RSA or EC");
    }
}
