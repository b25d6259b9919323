package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.audit.AuditLogEntry;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/** An audit row as the admin API shows it. */
public record AuditLogView(
        @JsonbProperty("id") long id,
        @JsonbProperty("action") String action,
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("success") boolean success,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("reason") String reason,
        @JsonbProperty("detail") String detail,
        @JsonbProperty("target") String target,
        @JsonbProperty("scope") String scope,
        @JsonbProperty("token_id") String tokenId,
        @JsonbProperty("audience") String audience,
        @JsonbProperty("source_address") String sourceAddress,
        @JsonbProperty("created_at") OffsetDateTime createdAt) {

    static AuditLogView of(AuditLogEntry e) {
        return new AuditLogView(e.id(), e.action(), e.clientId(), e.success(), e.errorCode(), e.reason(), e.detail(),
                e.target(), e.scope(), e.tokenId(), e.audience(), e.sourceAddress(), e.createdAt());
    }
}
