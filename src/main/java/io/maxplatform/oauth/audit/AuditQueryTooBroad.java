package io.maxplatform.oauth.audit;

import io.maxplatform.oauth.error.ApiException;

/**
 * An audit query that ran past its time limit: a 400 that says how to narrow it. The database is fine, so this is
 * never a 503 ("database unavailable" would send an operator looking for an outage that is not there).
 */
public class AuditQueryTooBroad extends ApiException {

    AuditQueryTooBroad(String limit) {
        super(400, "The audit query took longer than " + limit + ": narrow it with since and until (a few days),"
                + " or with client_id or action");
    }

    @Override
    public String auditReason() {
        return "query_too_broad";
    }
}
