package io.maxplatform.oauth.token;

import io.maxplatform.oauth.admin.AdminCalls;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;

/** Breaks the architecture on purpose (test sources only): {@code ArchitectureTest} shows its rules catch it. */
@Path("broken")
public class ResourceBreakingTheRules {

    EntityManager em;

    AdminCalls calls;

    @RolesAllowed("admin:oauth")
    public String read() {
        return em.toString() + calls;
    }
}
