package io.maxplatform.oauth.outbound;

/**
 * A JWK Set or SPIFFE bundle given inline that holds no usable key, or is not one at all. The message is
 * meant for the API caller and says why (not JSON, no {@code keys} array, which keys were left out).
 */
public class UnacceptableKeySet extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnacceptableKeySet(String message) {
        super(message);
    }
}
