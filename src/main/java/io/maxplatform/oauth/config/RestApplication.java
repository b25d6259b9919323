package io.maxplatform.oauth.config;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * JAX-RS at the context root, so the guide's URLs ({@code /api/oauth/token}) and the RFC 8414 location
 * ({@code /.well-known/oauth-authorization-server/api/oauth}) are both served. Bearer tokens are verified by
 * MicroProfile JWT; scopes are its roles.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "MAX Platform service-token server", version = "1.0",
        description = "OAuth 2.0 Client Credentials Grant for service-to-service authentication, and its admin API"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /api/oauth/token; its scopes are the roles")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"admin:oauth", "admin:users", "admin:system", "admin:full"})
public class RestApplication extends Application {
}
