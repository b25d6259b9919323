package io.maxplatform.servicetoken;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Prints the JWK Set to register for a public key, so registering a key client needs no other tool:
 * <pre>java -cp maxplatform-oauth-client.jar io.maxplatform.servicetoken.PublicJwk service.pub KID</pre>
 * The key is a PEM public key (label {@code PUBLIC KEY}, as {@code openssl pkey -pubout} writes it),
 * RSA or EC P-256; the output is {@code {"keys":[…]}} with {@code kid}, {@code use: sig} and {@code alg}.
 */
public final class PublicJwk {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private PublicJwk() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java -cp maxplatform-oauth-client.jar io.maxplatform.servicetoken.PublicJwk PUBLIC_KEY.pem KID");
            System.exit(2);
        }
        try {
            System.out.println("{\"keys\":[" + of(Files.readString(Path.of(args[0])), args[1]) + "]}");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The JWK (RFC 7517, RFC 7518 §6) of a PEM public key. */
    static String of(String pem, String kid) {
        Pem block = Pem.parse(pem);
        if (!block.label().equals("PUBLIC KEY")) {
            throw new IllegalArgumentException("Expected a PEM public key, found " + block.label() + ": "
                    + "openssl pkey -in service.key -pubout -out service.pub");
        }
        byte[] der = block.der();
        PublicKey key = null;
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                break;
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        String id = ClientAssertionSigner.quoted(kid);
        if (key instanceof RSAPublicKey rsa) {
            return "{\"kty\":\"RSA\",\"kid\":" + id + ",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                    + B64URL.encodeToString(unsigned(rsa.getModulus(), 0)) + "\",\"e\":\""
                    + B64URL.encodeToString(unsigned(rsa.getPublicExponent(), 0)) + "\"}";
        }
        if (key instanceof ECPublicKey ec && ClientAssertionSigner.isP256(ec)) {
            return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":" + id + ",\"use\":\"sig\",\"alg\":\"ES256\",\"x\":\""
                    + B64URL.encodeToString(unsigned(ec.getW().getAffineX(), 32)) + "\",\"y\":\""
                    + B64URL.encodeToString(unsigned(ec.getW().getAffineY(), 32)) + "\"}";
        }
        throw new IllegalArgumentException("The key must be RSA or EC P-256");
    }

    /** Big-endian without a sign byte; left-padded to {@code length} bytes when it is not 0 (RFC 7518 §6.2.1.2). */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        int size = Math.max(bytes.length - start, length);
        byte[] result = new byte[size];
        System.arraycopy(bytes, start, result, size - (bytes.length - start), bytes.length - start);
        return result;
    }
}
