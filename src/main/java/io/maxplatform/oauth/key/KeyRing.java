package io.maxplatform.oauth.key;

import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stored signing keys and what each one is at a given moment. A key's state follows from its times
 * alone, so every server reading the same rows agrees on which key signs, without telling one another:
 * <pre>
 *  created_at ── next ── activates_at ── active ── retired_at ── retired ── published_until ── expired
 *                                                     withdrawn_at ── withdrawn (at any point)
 * </pre>
 * Published (in the JWKS) while next, active or retired: a verifier learns a key before its first token
 * (Payara's MicroProfile JWT does not refetch on an unknown {@code kid}) and keeps it until the last token it
 * signed has expired.
 */
public final class KeyRing {

    /**
     * After the longest lifetime: the verifiers' clock skew, and a minute for a token issued a few seconds
     * ahead (a client's cut-off, {@code TokenCutoffs}) and for clocks that differ between servers.
     */
    public static final Duration LEEWAY = Duration.ofSeconds(JwtVerificationConfigSource.CLOCK_SKEW_SECONDS + 60);

    public enum State {
        NEXT, ACTIVE, RETIRED, EXPIRED, WITHDRAWN;

        boolean published() {
            return this == NEXT || this == ACTIVE || this == RETIRED;
        }
    }

    /** One key's times; {@code retiredAt} and {@code withdrawnAt} are null until set. */
    public record Key(String kid, String algorithm, String publicJwk, Instant createdAt, Instant activatesAt,
                      Instant retiredAt, Instant withdrawnAt, long longestTokenLifetimeSeconds) {

        /** When the last token it signed has expired for every verifier; null while it may still sign. */
        public Instant publishedUntil() {
            return retiredAt == null ? null : retiredAt.plusSeconds(longestTokenLifetimeSeconds).plus(LEEWAY);
        }

        public State stateAt(Instant now) {
            if (withdrawnAt != null && !now.isBefore(withdrawnAt)) {
                return State.WITHDRAWN;
            }
            if (now.isBefore(activatesAt)) {
                return State.NEXT;
            }
            if (retiredAt == null || now.isBefore(retiredAt)) {
                return State.ACTIVE;
            }
            return now.isBefore(publishedUntil()) ? State.RETIRED : State.EXPIRED;
        }

        private Stream<Instant> changes() {
            return Stream.of(activatesAt, retiredAt, publishedUntil(), withdrawnAt);
        }
    }

    private final List<Key> keys;

    public KeyRing(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<Key> keys() {
        return keys;
    }

    /** The key that signs at {@code now}: of the active ones (normally one), the latest to activate. */
    public Optional<Key> signingAt(Instant now) {
        return keys.stream().filter(k -> k.stateAt(now) == State.ACTIVE).max(Comparator.comparing(Key::activatesAt));
    }

    /** The keys a verifier needs at {@code now}, in the order they were created. */
    public List<Key> publishedAt(Instant now) {
        return keys.stream().filter(k -> k.stateAt(now).published()).sorted(Comparator.comparing(Key::createdAt)).toList();
    }

    /** A key published but not yet signing, if a rotation is under way. */
    public Optional<Key> nextAt(Instant now) {
        return keys.stream().filter(k -> k.stateAt(now) == State.NEXT).findFirst();
    }

    /** The first moment after {@code now} at which any key changes state; {@link Instant#MAX} if none will. */
    public Instant nextChangeAfter(Instant now) {
        return keys.stream().flatMap(Key::changes).filter(t -> t != null && t.isAfter(now)).min(Comparator.naturalOrder())
                .orElse(Instant.MAX);
    }
}
