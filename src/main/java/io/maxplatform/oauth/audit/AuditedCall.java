package io.maxplatform.oauth.audit;

/**
 * What the audit row of one call will say, filled in as the call learns it: who (the client that
 * authenticated, or the id a refused request claimed), about what, and what it produced. {@link AuditedCalls}
 * writes it once, as a success or as a refusal.
 */
public final class AuditedCall {

    private final String action;
    private final String sourceAddress;
    private String refusedAction;
    private String clientId;
    private boolean clientVerified;
    private String target;
    private String scope;
    private String tokenId;
    private String detail;
    private String credential;
    private String audience;

    private AuditedCall(String action, String sourceAddress) {
        this.action = action;
        this.refusedAction = action;
        this.sourceAddress = sourceAddress;
    }

    /** A call recorded as {@code action} whether it succeeds or is refused. */
    public static AuditedCall of(String action, String sourceAddress) {
        return new AuditedCall(action, sourceAddress);
    }

    /** Refusals recorded under another action (a refused token request is not {@code token_issued}). */
    public AuditedCall refusedAs(String action) {
        this.refusedAction = action;
        return this;
    }

    /** The client the request claims to be, not verified (yet). */
    public AuditedCall client(String clientId) {
        this.clientId = clientId;
        this.clientVerified = false;
        return this;
    }

    /** The client, once it proved who it is (its credentials, or a token this server signed). */
    public AuditedCall authenticated(String clientId) {
        this.clientId = clientId;
        this.clientVerified = clientId != null;
        return this;
    }

    public AuditedCall target(String target) {
        this.target = target;
        return this;
    }

    public AuditedCall scope(String scope) {
        this.scope = scope;
        return this;
    }

    public AuditedCall tokenId(String tokenId) {
        this.tokenId = tokenId;
        return this;
    }

    /** The {@code aud} of the token the call issued, space-separated. */
    public AuditedCall audience(String audience) {
        this.audience = audience;
        return this;
    }

    public AuditedCall detail(String detail) {
        this.detail = detail;
        return this;
    }

    /**
     * What the client authenticated with, where that is more than its id (a trust anchor and the external subject):
     * written before the detail, on success and refusal alike.
     */
    public AuditedCall credential(String credential) {
        this.credential = credential;
        return this;
    }

    private String withCredential(String text) {
        if (credential == null) {
            return text;
        }
        return text == null ? credential : credential + "; " + text;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    String action() {
        return action;
    }

    String refusedAction() {
        return refusedAction;
    }

    /** The client id when it was verified, else null: an unverified id is whatever a stranger sent. */
    String verifiedClientId() {
        return clientVerified ? clientId : null;
    }

    AuditLogEntry succeeded() {
        return new AuditLogEntry(action, clientId, true, null, null, withCredential(detail), target, scope, tokenId,
                sourceAddress)
                .withAudience(audience);
    }

    AuditLogEntry refused(String errorCode, String reason, String refusalDetail) {
        return new AuditLogEntry(refusedAction, clientId, false, errorCode, reason, withCredential(refusalDetail), target,
                null, null, sourceAddress);
    }
}
