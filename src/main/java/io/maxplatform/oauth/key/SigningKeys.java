package io.maxplatform.oauth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.DerivedKeys;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The signing keys in memory: the one that signs now and the key set published at {@code /api/oauth/jwks},
 * both read from a {@link KeyRing} loaded from the database, so signing never touches it. The view is
 * recomputed when the clock passes a key's next change (a rotation's switch-over, a retired key leaving the
 * JWKS), and the ring is reloaded after this server changes a key and on every refresh of the rotation
 * schedule; a key created through another instance arrives with PostgreSQL's announcement of it.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    /** RSA-2048 signs in ~1 ms on this hardware; 3072 would triple the cost of every token. */
    static final int RSA_KEY_BITS = 2048;

    @Inject
    SigningKeyRepository repository;

    @Inject
    ServerSettings settings;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeedStatus feed;

    /** While changes go unheard, the keys are read again at most this often (on use, by one request at a time). */
    static final Duration UNHEARD_RELOAD_INTERVAL = Duration.ofSeconds(1);
    private volatile long reloadedAt = System.nanoTime();
    private final AtomicBoolean reloading = new AtomicBoolean();

    private PrivateKeyCipher cipher;
    private volatile Snapshot snapshot = new Snapshot(new KeyRing(List.of()), Map.of());
    private volatile View view;

    /** A rotation's outcome: the new key, or, when a planned one is already under way, its next key. */
    public record Rotation(KeyRing.Key key, boolean started) {
    }

    /**
     * A key that signs, with its token header already encoded: the header is the same for every token the key
     * signs. It says {@code typ: JWT}, not RFC 9068's {@code at+jwt}: Payara's MicroProfile JWT refuses
     * {@code at+jwt} (measured on 6.2025.10), and the server's own admin API must accept its tokens.
     */
    public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, JWSHeader header, String encodedHeader) {

        private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

        ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
            this(kid, algorithm, signer, new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build());
        }

        private ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, JWSHeader header) {
            this(kid, algorithm, signer, header, header.toBase64URL().toString());
        }

        /**
         * The JWS Compact Serialization (RFC 7515 §7.1) of {@code claimsJson}. The payload is encoded with the
         * JDK's Base64 (a JIT intrinsic): nimbus's constant-time codec took a seventh of a token's CPU (JFR),
         * and constant time protects nothing in a token its holder can read anyway.
         */
        public String sign(String claimsJson) {
            String signingInput = encodedHeader + "." + BASE64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            try {
                return signingInput + "." + signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
            } catch (JOSEException e) {
                throw new IllegalStateException("Could not sign with key " + kid, e);
            }
        }
    }

    /**
     * The stored keys as last read, with the signers of those that are or will be active (each decrypted
     * once), replaced whole so that a key and its signer are never seen apart.
     */
    private record Snapshot(KeyRing ring, Map<String, ActiveKey> signers) {
    }

    /** What {@code source} says until {@code validUntil}. */
    private record View(Snapshot source, Instant validUntil, ActiveKey signing, String jwks, Set<String> publishedKids) {
    }

    @PostConstruct
    void init() {
        cipher = new PrivateKeyCipher(DerivedKeys.derive(settings.secretKey(), DerivedKeys.SIGNING_KEY_ENCRYPTION));
    }

    /**
     * Called once at start-up, in a transaction that holds the start-up lock: creates the first key, or a new
     * one when {@code ALGORITHM} changed (at once: this server's MicroProfile JWT verifies one algorithm, so
     * a restart is the switch-over anyway; the replaced key stays published for other verifiers).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void initialize(long longestTokenLifetimeSeconds) {
        Instant now = Instant.now();
        List<SigningKey> stored = repository.all();
        Optional<SigningKey> signing = signingAt(stored, now);
        String algorithm = settings.algorithm();
        if (signing.isPresent() && !signing.get().algorithm().equals(algorithm)) {
            LOG.info("ALGORITHM changed from " + signing.get().algorithm() + " to " + algorithm + ": retiring key "
                    + signing.get().kid());
            signing.get().retireAt(now);
            stored.stream().filter(k -> k.times().stateAt(now) == KeyRing.State.NEXT).forEach(k -> k.withdrawAt(now));
            repository.flush();
            signing = Optional.empty();
        }
        if (signing.isEmpty()) {
            create(now, longestTokenLifetimeSeconds);
        } else {
            repository.coverTokenLifetime(longestTokenLifetimeSeconds);
        }
        reloadAfterCommit();
    }

    /**
     * Starts a rotation, in the caller's transaction under the rotation lock. Planned: the new key is
     * published now and signs from {@code now + publishAhead}, when the current one retires. Emergency: every
     * stored key is withdrawn at once and the new key signs immediately.
     *
     * @return the new key; or, when a planned rotation is already under way, its next key, not started again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rotation rotate(boolean emergency, long longestTokenLifetimeSeconds) {
        Instant now = Instant.now();
        List<SigningKey> stored = repository.all();
        SigningKey created;
        if (emergency) {
            stored.forEach(k -> k.withdrawAt(now));
            repository.flush();
            created = create(now, longestTokenLifetimeSeconds);
        } else {
            Optional<SigningKey> pending = stored.stream().filter(k -> k.times().stateAt(now) == KeyRing.State.NEXT).findFirst();
            if (pending.isPresent()) {
                return new Rotation(pending.get().times(), false);
            }
            Instant switchOver = now.plus(publishAhead());
            signingAt(stored, now).ifPresent(current -> current.retireAt(switchOver));
            repository.flush();
            created = create(switchOver, longestTokenLifetimeSeconds);
        }
        reloadAfterCommit();
        return new Rotation(created.times(), true);
    }

    /** Holds the rotation lock until the caller's transaction ends (a scheduled rotation checks under it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForRotation() {
        repository.lockForRotation();
    }

    /** Tokens may now live {@code seconds} (a client's new lifetime): keys that may sign cover it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void coverTokenLifetime(long seconds) {
        repository.coverTokenLifetime(seconds);
        reloadAfterCommit();
    }

    /**
     * Reads the stored keys again (another server may have rotated). One reload at a time, each reading
     * after the one before, so an older read never replaces a newer one.
     */
    @Transactional
    public synchronized void reload() {
        List<SigningKey> stored = repository.all();
        Map<String, ActiveKey> known = snapshot.signers();
        Map<String, ActiveKey> signers = new HashMap<>();
        Instant now = Instant.now();
        for (SigningKey key : stored) {
            KeyRing.State state = key.times().stateAt(now);
            if (state == KeyRing.State.ACTIVE || state == KeyRing.State.NEXT) {
                ActiveKey signer = known.get(key.kid());
                signers.put(key.kid(), signer != null ? signer : load(key));
            }
        }
        snapshot = new Snapshot(new KeyRing(stored.stream().map(SigningKey::times).toList()), Map.copyOf(signers));
        reloadedAt = System.nanoTime();
    }

    /**
     * While changes made elsewhere may go unheard ({@link ChangeFeedStatus}), the keys are read again on use, once a
     * second: a key withdrawn through another instance must stop signing and leave the JWKS here too. A request that
     * finds a reload under way uses the keys as they are; a failed reload leaves them as they are (a token cannot
     * be issued without the database anyway: its audit row).
     */
    private void reloadIfUnheard() {
        if (feed.isCurrent() || System.nanoTime() - reloadedAt < UNHEARD_RELOAD_INTERVAL.toNanos()
                || !reloading.compareAndSet(false, true)) {
            return;
        }
        try {
            reload();
        } catch (RuntimeException unreachable) {
            reloadedAt = System.nanoTime(); // not again at once: a database outage must not slow every request
        } finally {
            reloading.set(false);
        }
    }

    private void reloadAfterCommit() {
        afterCommit.run(this::reload);
    }

    private static Optional<SigningKey> signingAt(List<SigningKey> stored, Instant now) {
        List<KeyRing.Key> times = stored.stream().map(SigningKey::times).toList();
        return new KeyRing(times).signingAt(now)
                .flatMap(key -> stored.stream().filter(k -> k.kid().equals(key.kid())).findFirst());
    }

    private SigningKey create(Instant activatesAt, long longestTokenLifetimeSeconds) {
        String algorithm = settings.algorithm();
        try {
            JWK jwk = "ES256".equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(RSA_KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
            SigningKey key = new SigningKey(jwk.getKeyID(), algorithm, jwk.toPublicJWK().toJSONString(),
                    cipher.encrypt(jwk.toJSONString(), jwk.getKeyID()), activatesAt, longestTokenLifetimeSeconds);
            repository.add(key);
            LOG.info("Created " + algorithm + " signing key " + jwk.getKeyID() + ", signing from " + activatesAt);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private ActiveKey load(SigningKey key) {
        try {
            JWK jwk = JWK.parse(cipher.decrypt(key.privateKeyEncrypted(), key.kid()));
            JWSAlgorithm algorithm = JWSAlgorithm.parse(key.algorithm());
            JWSSigner signer = NativeSigning.signer(jwk);
            return new ActiveKey(key.kid(), algorithm, signer);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " is damaged", e);
        }
    }

    private View view() {
        reloadIfUnheard();
        View current = view;
        Snapshot source = snapshot;
        Instant now = Instant.now();
        if (current != null && current.source() == source && now.isBefore(current.validUntil())) {
            return current;
        }
        KeyRing keys = source.ring();
        List<KeyRing.Key> published = keys.publishedAt(now);
        List<JWK> jwks = new ArrayList<>();
        try {
            for (KeyRing.Key key : published) {
                jwks.add(JWK.parse(key.publicJwk()));
            }
        } catch (ParseException e) {
            throw new IllegalStateException("A stored public key is damaged", e);
        }
        // A key that became active since the last reload was read as next, so its signer is there.
        ActiveKey signing = keys.signingAt(now).map(key -> source.signers().get(key.kid())).orElse(null);
        View computed = new View(source, keys.nextChangeAfter(now), signing,
                new JWKSet(jwks).toString(true), published.stream().map(KeyRing.Key::kid).collect(Collectors.toSet()));
        view = computed;
        return computed;
    }

    /** The key that signs now. */
    public ActiveKey active() {
        ActiveKey signing = view().signing();
        if (signing == null) {
            throw new IllegalStateException("No signing key is active");
        }
        return signing;
    }

    /** The JWKS document (RFC 7517), public members only: every key a verifier needs now. */
    public String publishedJwks() {
        return view().jwks();
    }

    /** Whether a token with this {@code kid} may still be accepted: its key is in the JWKS now. */
    public boolean isPublished(String kid) {
        return kid != null && view().publishedKids().contains(kid);
    }

    /** Every stored key with its times (the clean-up removes expired and withdrawn ones). */
    public KeyRing ring() {
        return snapshot.ring();
    }

    /** How long verifiers may cache the JWKS ({@code Cache-Control: max-age}). */
    public Duration jwksMaxAge() {
        return Duration.ofSeconds(settings.jwksMaxAgeSeconds());
    }

    /** How often each server reads the stored keys again: half a JWKS cache period, at most a minute. */
    public Duration refreshInterval() {
        return Duration.ofSeconds(Math.max(1, Math.min(60, settings.jwksMaxAgeSeconds() / 2)));
    }

    /**
     * How long a new key is published before it signs: one JWKS cache period after every server has seen it,
     * allowing one missed refresh (two refresh intervals), plus 10 s for generating the key, waiting for the
     * rotation lock and committing. A verifier holding a JWKS fetched before the key was published
     * refetches it in time.
     */
    public Duration publishAhead() {
        return jwksMaxAge().plus(refreshInterval().multipliedBy(2)).plusSeconds(10);
    }
}
