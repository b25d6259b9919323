package io.maxplatform.oauth.key;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.util.logging.Logger;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC, native code) for this server's own token signatures: RS256
 * signs about four times faster than with the JDK's provider, ES256 thirty times (measured on this machine
 * type, see performance.md). It is handed to nimbus's signer through its JCA context, never installed as a
 * JVM-wide provider, so nothing else in the application server changes. When the native library cannot load
 * (another OS or CPU, or it is already loaded by an earlier deployment's class loader) the JDK's provider signs,
 * after one log line.
 */
public final class NativeSigning {

    private static final Logger LOG = Logger.getLogger(NativeSigning.class.getName());
    private static final AmazonCorrettoCryptoProvider PROVIDER = load();

    private NativeSigning() {
    }

    /** Which provider signs, for the benchmark's report. */
    public static String description() {
        return PROVIDER != null ? "Amazon Corretto Crypto Provider " + PROVIDER.getVersionStr()
                : "the JDK's provider (the native one is unavailable)";
    }

    /**
     * A signer for {@code jwk} (RSA or EC P-256), native where it can be. The private key is translated into the
     * provider's own key object once, here: handed the JDK's key, the provider translates it again for every
     * signature, which made an RS256 signature cost 880 µs instead of 300 µs (measured on this machine type).
     */
    public static JWSSigner signer(JWK jwk) throws JOSEException {
        if (PROVIDER != null) {
            try {
                JWSSigner signer = jwk instanceof ECKey ec
                        ? new ECDSASigner(translated(ec.toPrivateKey(), "EC"), ec.getCurve())
                        : new RSASSASigner(translated(jwk.toRSAKey().toPrivateKey(), "RSA"));
                signer.getJCAContext().setProvider(PROVIDER);
                return signer;
            } catch (JOSEException refused) {
                LOG.warning("The native provider refused key " + jwk.getKeyID() + " (" + refused.getMessage()
                        + "); it signs with the JDK's provider");
            }
        }
        return jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(jwk.toRSAKey());
    }

    private static PrivateKey translated(PrivateKey key, String algorithm) throws JOSEException {
        try {
            return (PrivateKey) KeyFactory.getInstance(algorithm, PROVIDER).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("The native provider cannot take this " + algorithm + " key", e);
        }
    }

    private static AmazonCorrettoCryptoProvider load() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            provider.assertHealthy();
            LOG.info("Signing tokens with the Amazon Corretto Crypto Provider " + provider.getVersionStr());
            return provider;
        } catch (RuntimeException | LinkageError unavailable) {
            LOG.warning("Native signing unavailable (" + unavailable.getClass().getSimpleName() + ": "
                    + unavailable.getMessage() + "); signing tokens with the JDK's provider");
            return null;
        }
    }
}
