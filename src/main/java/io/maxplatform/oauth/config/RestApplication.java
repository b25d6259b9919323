package io.maxplatform.oauth.config;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * JAX-RS at the context root, so the guide's URLs ({@code /api/oauth/token}) and the RFC 8414 location
 * ({@code /.well-known/oauth-authorization-server/api/oauth}) are both served. Bearer tokens are verified by
 * MicroProfile JWT; scopes are its roles.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"admin:oauth", "admin:users", "admin:system", "admin:full"})
public class RestApplication extends Application {
}
