package io.maxplatform.oauth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.maxplatform.oauth.key.NativeSigning;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit of token issuance: signatures per second with nothing else running, on as many threads
 * as the machine has cores, with the server's own signer ({@link NativeSigning}).
 */
final class SigningLimit {

    private SigningLimit() {
    }

    /** Signatures per second for RS256 (2048-bit) or ES256, after a warm-up of the same length. */
    static double perSecond(JWSAlgorithm algorithm, Duration duration) throws Exception {
        JWSSigner signer = NativeSigning.signer(JWSAlgorithm.ES256.equals(algorithm)
                ? new ECKeyGenerator(Curve.P_256).generate()
                : new RSAKeyGenerator(2048).generate());
        JWSHeader header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID("bench").build();
        // A token's signing input is about 600 bytes; the size barely matters next to the private-key operation.
        byte[] input = "x".repeat(600).getBytes(StandardCharsets.US_ASCII);
        sign(signer, header, input, duration);
        return sign(signer, header, input, duration) / (duration.toMillis() / 1000.0);
    }

    private static long sign(JWSSigner signer, JWSHeader header, byte[] input, Duration duration) throws InterruptedException {
        LongAdder signatures = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        signer.sign(header, input);
                    } catch (JOSEException e) {
                        throw new IllegalStateException(e);
                    }
                    signatures.increment();
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return signatures.sum();
    }
}
