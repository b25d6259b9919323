package io.maxplatform.oauth.key;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC, native code) for this server's own token signatures: RS256
 * signs about four times faster than with the JDK's provider, ES256 thirty times (measured on this machine
 * type, see the README). It is handed to nimbus's signer through its JCA context, never installed as a
 * JVM-wide provider, so nothing else in the application server changes. When the native library cannot load
 * (another OS or CPU, or it is already loaded by an earlier deployment's class loader) the JDK's provider signs,
 * after one log line.
 */
final class NativeSigning {

    private static final Logger LOG = Logger.getLogger(NativeSigning.class.getName());
    private static final Provider PROVIDER = load();

    private NativeSigning() {
    }

    /** The native provider, when it loaded and passed its self-tests. */
    static Optional<Provider> provider() {
        return Optional.ofNullable(PROVIDER);
    }

    private static Provider load() {
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
