package io.maxplatform.oauth.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of the guide's {@code oauth_audit_logs}: append-only, written through {@link AuditedCalls} alone. */
@Entity
@Table(name = "oauth_audit_logs")
public class AuditLogEntry {

    public static final String TOKEN_ISSUED = "token_issued";
    public static final String TOKEN_REQUEST_FAILED = "token_request_failed";
    /** No token, an invalid or revoked token, or a token without the endpoint's scope, at the admin API. */
    public static final String ADMIN_ACCESS_DENIED = "admin_access_denied";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "client_id")
    private String clientId;

    @Column(name = "success", nullable = false)
    private boolean success;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "reason")
    private String reason;

    @Column(name = "detail")
    private String detail;

    @Column(name = "target")
    private String target;

    @Column(name = "scope")
    private String scope;

    @Column(name = "token_id")
    private String tokenId;

    @Column(name = "source_address")
    private String sourceAddress;

    @Column(name = "audience")
    private String audience;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected AuditLogEntry() {
    }

    public AuditLogEntry(String action, String clientId, boolean success, String errorCode, String reason, String detail,
                  String target, String scope, String tokenId, String sourceAddress) {
        this.action = action;
        this.clientId = AuditText.clean(clientId, 200);
        this.success = success;
        this.errorCode = errorCode;
        this.reason = reason;
        this.detail = AuditText.clean(detail, 1000);
        this.target = AuditText.clean(target, 200);
        this.scope = AuditText.clean(scope, 1000);
        this.tokenId = tokenId;
        this.sourceAddress = AuditText.clean(sourceAddress, 64);
        this.createdAt = OffsetDateTime.now();
    }

    public AuditLogEntry withAudience(String audience) {
        this.audience = AuditText.clean(audience, 2000);
        return this;
    }

    /** The {@code aud} of an issued token, space-separated; null for other calls. */
    public String audience() {
        return audience;
    }

    public Long id() {
        return id;
    }

    public String action() {
        return action;
    }

    public String clientId() {
        return clientId;
    }

    public boolean success() {
        return success;
    }

    public String errorCode() {
        return errorCode;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public String target() {
        return target;
    }

    public String scope() {
        return scope;
    }

    public String tokenId() {
        return tokenId;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
