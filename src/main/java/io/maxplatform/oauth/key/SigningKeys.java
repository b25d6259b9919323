package io.maxplatform.oauth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.maxplatform.oauth.config.DerivedKeys;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.util.List;
import java.util.logging.Logger;

/**
 * The signing key in use and the key set published at {@code /api/oauth/jwks}. The key pair is created at
 * first start (or when {@code ALGORITHM} changes), stored encrypted, and loaded once: signing never touches
 * the database. A key replaced by an algorithm change stays published, so verifiers that accept both
 * algorithms can check the tokens it signed until they expire; this server's own admin API verifies only
 * the current {@code ALGORITHM} (MicroProfile JWT takes one).
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

    private volatile ActiveKey active;
    private volatile String publishedJwks;

    /** The key that signs, with what the token header needs. */
    public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    /** Called once at start-up, in a transaction that holds the start-up lock. */
    @Transactional
    public void initialize() {
        PrivateKeyCipher cipher = new PrivateKeyCipher(
                DerivedKeys.derive(settings.secretKey(), DerivedKeys.SIGNING_KEY_ENCRYPTION));
        String algorithm = settings.algorithm();
        SigningKey current = repository.findActive().orElse(null);
        if (current != null && !current.algorithm().equals(algorithm)) {
            LOG.info("ALGORITHM changed from " + current.algorithm() + " to " + algorithm + ": retiring key " + current.kid());
            current.retire();
            repository.flush();
            current = null;
        }
        if (current == null) {
            current = create(algorithm, cipher);
        }
        active = load(current, cipher);
        publishedJwks = publicKeySet();
    }

    private SigningKey create(String algorithm, PrivateKeyCipher cipher) {
        try {
            JWK jwk = "ES256".equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(RSA_KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
            SigningKey key = new SigningKey(jwk.getKeyID(), algorithm, jwk.toPublicJWK().toJSONString(),
                    cipher.encrypt(jwk.toJSONString(), jwk.getKeyID()));
            repository.add(key);
            LOG.info("Created " + algorithm + " signing key " + jwk.getKeyID());
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private static ActiveKey load(SigningKey key, PrivateKeyCipher cipher) {
        try {
            JWK jwk = JWK.parse(cipher.decrypt(key.privateKeyEncrypted(), key.kid()));
            JWSAlgorithm algorithm = JWSAlgorithm.parse(key.algorithm());
            JWSSigner signer = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECDSASigner(jwk.toECKey())
                    : new RSASSASigner(jwk.toRSAKey());
            return new ActiveKey(key.kid(), algorithm, signer);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " is damaged", e);
        }
    }

    /** Every public key still needed: the active one and those retired by an algorithm change. */
    private String publicKeySet() {
        List<SigningKey> keys = repository.all();
        try {
            List<JWK> jwks = new java.util.ArrayList<>();
            for (SigningKey key : keys) {
                jwks.add(JWK.parse(key.publicJwk()));
            }
            return new JWKSet(jwks).toString(true);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored public key is damaged", e);
        }
    }

    public ActiveKey active() {
        return active;
    }

    /** The JWKS document (RFC 7517), public members only. */
    public String publishedJwks() {
        return publishedJwks;
    }
}
