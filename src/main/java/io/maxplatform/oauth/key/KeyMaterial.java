package io.maxplatform.oauth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.maxplatform.oauth.config.DerivedKeys;
import io.maxplatform.oauth.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;

/**
 * Private keys in and out of the database: a new key generated and encrypted under {@code SECRET_KEY}
 * ({@link PrivateKeyCipher}, AES-256-GCM), and a stored key decrypted into a signer once, when it is first
 * about to sign.
 */
@ApplicationScoped
public class KeyMaterial {

    /**
     * RSA-2048: 112-bit security (NIST SP 800-57 Part 1, Table 2), enough until 2030. A 3072-bit key costs
     * about three times the CPU per signature, and signing is most of what a token costs (src/site/markdown/performance.md).
     */
    static final int RSA_KEY_BITS = 2048;

    @Inject
    ServerSettings settings;

    private PrivateKeyCipher cipher;

    @PostConstruct
    void init() {
        cipher = new PrivateKeyCipher(DerivedKeys.derive(settings.secretKey(), DerivedKeys.SIGNING_KEY_ENCRYPTION));
    }

    /** A new key pair of the configured {@code ALGORITHM} (RS256 or ES256), its id the JWK thumbprint (RFC 7638). */
    SigningKey generate(Instant activatesAt, long longestTokenLifetimeSeconds) {
        String algorithm = settings.algorithm();
        try {
            JWK jwk = "ES256".equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(RSA_KEY_BITS).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
            return new SigningKey(jwk.getKeyID(), algorithm, jwk.toPublicJWK().toJSONString(),
                    cipher.encrypt(jwk.toJSONString(), jwk.getKeyID()), activatesAt, longestTokenLifetimeSeconds);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    /** The stored key, decrypted, as a signer (the native provider's where it takes the key). */
    ActiveKey signer(SigningKey key) {
        try {
            JWK jwk = JWK.parse(cipher.decrypt(key.privateKeyEncrypted(), key.kid()));
            JWSSigner signer = NativeSigning.signer(jwk);
            return new ActiveKey(key.kid(), JWSAlgorithm.parse(key.algorithm()), signer);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Signing key " + key.kid() + " is damaged", e);
        }
    }
}
