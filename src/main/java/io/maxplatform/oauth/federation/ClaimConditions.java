package io.maxplatform.oauth.federation;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * A federated client's conditions on its identity tokens' other top-level claims: a JSON object of claim names and
 * the exact string, number or boolean each must carry ({@code {"repository": "maxplatform/reports", "ref":
 * "refs/heads/main"}} for a CI system's job tokens). A claim that is absent, of another type or another value fails.
 */
public final class ClaimConditions {

    static final int MAX_CONDITIONS = 20;
    static final int MAX_LENGTH = 4000;
    /** Checked by the token checks themselves, or naming the client; a condition on them would mislead. */
    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    private ClaimConditions() {
    }

    /** Whether {@code claims} meet {@code conditions} (a JSON object as {@link #check} accepted it; null for none). */
    public static boolean met(String conditions, JWTClaimsSet claims) {
        if (conditions == null) {
            return true;
        }
        for (Map.Entry<String, JsonValue> condition : parse(conditions).entrySet()) {
            if (!matches(condition.getValue(), claims.getClaim(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(JsonValue expected, Object actual) {
        return switch (expected.getValueType()) {
            case STRING -> actual instanceof String s && s.equals(((JsonString) expected).getString());
            case TRUE -> Boolean.TRUE.equals(actual);
            case FALSE -> Boolean.FALSE.equals(actual);
            case NUMBER -> actual instanceof Number n && sameNumber(n, (JsonNumber) expected);
            default -> false;
        };
    }

    /** An issuer's number that is no finite decimal (a claim of 1e400 reads as infinity) equals no condition. */
    private static boolean sameNumber(Number actual, JsonNumber expected) {
        try {
            return new BigDecimal(actual.toString()).compareTo(expected.bigDecimalValue()) == 0;
        } catch (NumberFormatException notFinite) {
            return false;
        }
    }

    /**
     * The conditions as they are stored, or the reason they are refused: at most {@value #MAX_CONDITIONS} claims,
     * none of {@link #RESERVED}, each a string, number or boolean.
     *
     * @throws IllegalArgumentException with a message for the caller
     */
    public static String check(String json) {
        if (json == null) {
            return null;
        }
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("federated_claims must be at most " + MAX_LENGTH + " characters of JSON");
        }
        JsonObject object = parse(json);
        if (object.size() > MAX_CONDITIONS) {
            throw new IllegalArgumentException("federated_claims may name at most " + MAX_CONDITIONS + " claims");
        }
        for (Map.Entry<String, JsonValue> condition : object.entrySet()) {
            if (RESERVED.contains(condition.getKey())) {
                throw new IllegalArgumentException("federated_claims cannot name " + condition.getKey()
                        + ": it is checked by the anchor (iss, aud, times) or is federated_subject (sub)");
            }
            JsonValue.ValueType type = condition.getValue().getValueType();
            if (type != JsonValue.ValueType.STRING && type != JsonValue.ValueType.NUMBER
                    && type != JsonValue.ValueType.TRUE && type != JsonValue.ValueType.FALSE) {
                throw new IllegalArgumentException("federated_claims." + condition.getKey()
                        + " must be a string, number or boolean (an exact value)");
            }
        }
        return object.isEmpty() ? null : object.toString();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("federated_claims must be a JSON object");
        }
    }
}
