package io.maxplatform.servicetoken;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

/**
 * A private key made on the spot, of the kind a JWS algorithm names, which no client has registered: what the
 * check tool signs with to see the server refuse a signature it cannot verify (RFC 7523 §3, item 9).
 */
final class UnregisteredKey {

    private UnregisteredKey() {
    }

    /** An EC P-256 key for an {@code ES…} algorithm, an RSA 2048 key for any other (RFC 7518 §3.1). */
    static PrivateKey forAlgorithm(String algorithm) throws GeneralSecurityException {
        boolean ec = algorithm.startsWith("ES");
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
        if (ec) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair().getPrivate();
    }
}
