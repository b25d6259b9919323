package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.error.ApiException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Optional query parameters of the admin lists, checked: an absent or blank one is null. */
final class QueryParameters {

    private QueryParameters() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A filter text: at most {@code maxLength} characters, none of them a control character. */
    static String text(String name, String value, int maxLength) {
        String text = text(value);
        if (text != null && (text.length() > maxLength || text.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest(name + " must be at most " + maxLength + " printable characters");
        }
        return text;
    }

    static Boolean bool(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest(name + " must be true or false");
        }
        return Boolean.valueOf(value);
    }

    /**
     * A whole number from {@code min} to {@code max}, ASCII digits only (no sign, no exponent, no other
     * script's digits, which {@code Integer.parseInt} would read).
     */
    static Long wholeNumber(String name, String value, long min, long max) {
        if (text(value) == null) {
            return null;
        }
        if (value.length() > String.valueOf(max).length() || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
        }
        return Long.parseLong(value);
    }

    static OffsetDateTime time(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }
}
