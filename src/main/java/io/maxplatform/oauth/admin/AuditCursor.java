package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditLogRepository.Position;
import io.maxplatform.oauth.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** The {@code cursor} of the audit-log list: a row's {@code created_at} and {@code id}, base64url, opaque to callers. */
final class AuditCursor {

    private static final int MAX_LENGTH = 100;

    private AuditCursor() {
    }

    static String encode(Position position) {
        String plain = position.createdAt().toInstant() + "," + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static Position decode(String cursor) {
        if (QueryParameters.text(cursor) == null) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int comma = plain.indexOf(',');
            Long id = QueryParameters.wholeNumber("cursor", plain.substring(comma + 1), 1, Long.MAX_VALUE);
            return new Position(Instant.parse(plain.substring(0, comma)).atOffset(ZoneOffset.UTC), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException | NullPointerException
                 | ApiException e) {
            throw ApiException.badRequest("cursor must be a next_cursor this list returned");
        }
    }
}
