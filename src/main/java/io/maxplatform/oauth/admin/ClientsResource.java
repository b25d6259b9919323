package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.registration.ClientChanges;
import io.maxplatform.oauth.registration.ClientRegistrationService;
import io.maxplatform.oauth.registration.NewClient;
import io.maxplatform.oauth.registration.RequestedAuthentication;
import io.maxplatform.oauth.web.BoundedBody;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/oauth/service/clients}: the service-client registry. */
@Path("api/admin/oauth/service/clients")
@DenyAll
@Tag(name = "Service admin", description = "Requires a Bearer token with admin:oauth (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:oauth")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:oauth",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@Produces(MediaType.APPLICATION_JSON)
public class ClientsResource {

    static final int MAX_SEARCH_LENGTH = 100;
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    AdminCalls calls;

    @Inject
    ClientRegistrationService registrations;

    @Inject
    ClientRepository clients;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Operation(summary = "Service clients, paged; filter by active and text on id or name")
    @APIResponse(responseCode = "200", description = "A page of clients (never a secret)")
    @APIResponse(responseCode = "400", description = "A bad filter or page",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @RolesAllowed("admin:oauth")
    public PageView<ClientView> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                     @QueryParam("active") String active, @QueryParam("q") String text) {
        return calls.read("admin_clients_listed", null, () -> {
            Paging paging = Paging.of(page, size);
            ClientRepository.Filter filter = new ClientRepository.Filter(QueryParameters.bool("active", active), searchText(text));
            List<ClientView> items = clients.list(filter, paging.offset(), paging.size()).stream().map(ClientView::of).toList();
            return new PageView<>(items, paging.page(), paging.size(), clients.count(filter));
        });
    }

    @Operation(summary = "One client")
    @APIResponse(responseCode = "200", description = "The client (never its secret)",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @Path("{client_id}")
    @RolesAllowed("admin:oauth")
    public ClientView get(@PathParam("client_id") String clientId) {
        return calls.read("admin_client_read", clientId, () -> ClientView.of(registrations.get(clientId)));
    }

    @Operation(summary = "Register a service client; its generated secret is returned once")
    @APIResponse(responseCode = "201", description = "Created; Location names it; the body holds client_secret",
            content = @Content(schema = @Schema(implementation = ClientSecretView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, unknown field or unknown scope",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "The client_id exists or existed",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @RolesAllowed("admin:oauth")
    public Response create(InputStream input) {
        String body = BoundedBody.read(input, MAX_BODY_BYTES).orElse(null);
        ClientSecretView created = calls.perform("admin_client_created", JsonBody.peekString(body, "client_id"), () -> {
            JsonBody json = JsonBody.parse(JsonBody.requireJson(body, MAX_BODY_BYTES, headers.getMediaType()),
                    fields("client_id", "client_name", "allowed_scopes", "default_scopes", "token_lifetime_seconds",
                            "allowed_audiences"));
            NewClient request = new NewClient(json.requiredString("client_id"), json.requiredString("client_name"),
                    Optional.ofNullable(json.strings("allowed_scopes")).orElse(List.of()),
                    Optional.ofNullable(json.strings("default_scopes")).orElse(List.of()),
                    json.integer("token_lifetime_seconds"), authentication(json), json.strings("allowed_audiences"));
            var client = registrations.create(request, calls.callerRoles());
            return new ClientSecretView(client.client().clientId(), client.secret(), ClientView.of(client.client()));
        });
        return Response.created(uri.getAbsolutePathBuilder().path(created.clientId()).build())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(created)
                .build();
    }

    @Operation(summary = "Change name, scopes, active flag or token lifetime (optimistic locking on version)")
    @APIResponse(responseCode = "200", description = "The changed client",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or missing version",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "A stale version, or a setting that follows the environment",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @PATCH
    @Path("{client_id}")
    @RolesAllowed("admin:oauth")
    public ClientView update(@PathParam("client_id") String clientId, InputStream input) {
        String body = BoundedBody.read(input, MAX_BODY_BYTES).orElse(null);
        return calls.perform("admin_client_updated", clientId, () -> {
            JsonBody json = JsonBody.parse(JsonBody.requireJson(body, MAX_BODY_BYTES, headers.getMediaType()),
                    fields("client_name", "allowed_scopes", "default_scopes", "is_active", "token_lifetime_seconds",
                            "allowed_audiences", "version"));
            Optional<Integer> lifetime = !json.has("token_lifetime_seconds") ? null
                    : Optional.ofNullable(json.integer("token_lifetime_seconds"));
            ClientChanges changes = new ClientChanges(json.string("client_name"), json.strings("allowed_scopes"),
                    json.strings("default_scopes"), json.bool("is_active"), lifetime, authentication(json),
                    json.strings("allowed_audiences"), json.requiredLong("version"));
            return ClientView.of(registrations.update(clientId, changes, calls.callerRoles()));
        });
    }

    /** Deletes for good (the id is never reused); deactivation is {@code PATCH {"is_active": false}}. */
    @Operation(summary = "Delete a client for good (its id is never reused)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "403", description = "The client may hold an admin:* scope the caller lacks",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "The bootstrap client cannot be deleted",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @DELETE
    @Path("{client_id}")
    @RolesAllowed("admin:oauth")
    public Response delete(@PathParam("client_id") String clientId) {
        calls.perform("admin_client_deleted", clientId, () -> {
            registrations.delete(clientId, calls.callerRoles());
            return null;
        });
        return Response.noContent().build();
    }

    @Operation(summary = "A new secret, returned once. Without grace_seconds the earlier secrets and, unless "
            + "keep_tokens=true, the client's tokens stop working at once; with grace_seconds (at most 604800, 7 days) "
            + "the replaced secret keeps working that long and the tokens are kept unless keep_tokens=false")
    @APIResponse(responseCode = "200", description = "The new client_secret",
            content = @Content(schema = @Schema(implementation = ClientSecretView.class)))
    @APIResponse(responseCode = "400", description = "A bad grace_seconds or keep_tokens",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "A concurrent change, the bootstrap client, or already three live secrets",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @Path("{client_id}/regenerate-secret")
    @RolesAllowed("admin:oauth")
    public Response regenerateSecret(@PathParam("client_id") String clientId, @QueryParam("keep_tokens") String keepTokens,
                                     @QueryParam("grace_seconds") String graceSeconds) {
        ClientSecretView regenerated = calls.perform("admin_secret_regenerated", clientId, () -> {
            Boolean keep = QueryParameters.bool("keep_tokens", keepTokens);
            Long grace = QueryParameters.wholeNumber("grace_seconds", graceSeconds, 0,
                    ClientRegistrationService.MAX_GRACE.toSeconds());
            var client = registrations.regenerateSecret(clientId, keep, Duration.ofSeconds(grace == null ? 0 : grace),
                    calls.callerRoles());
            return new ClientSecretView(clientId, client.secret(), ClientView.of(client.client()));
        });
        return Response.ok(regenerated).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    @Operation(summary = "The client's secrets that still work: ids and dates, never a value or hash")
    @APIResponse(responseCode = "200", description = "The current secret first, then earlier ones in their grace period",
            content = @Content(schema = @Schema(implementation = SecretsView.class)))
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @Path("{client_id}/secrets")
    @RolesAllowed("admin:oauth")
    public SecretsView secrets(@PathParam("client_id") String clientId) {
        return calls.read("admin_client_secrets_read", clientId,
                () -> SecretsView.of(registrations.secrets(clientId)));
    }

    @Operation(summary = "End an earlier secret's grace period now")
    @APIResponse(responseCode = "204", description = "The secret no longer works")
    @APIResponse(responseCode = "404", description = "No such client, or no live secret with this id",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "The current secret (rotate it instead)",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @DELETE
    @Path("{client_id}/secrets/{secret_id}")
    @RolesAllowed("admin:oauth")
    public Response retireSecret(@PathParam("client_id") String clientId, @PathParam("secret_id") String secretId) {
        calls.perform("admin_client_secret_retired", call -> {
            call.target(clientId).detail("secret " + QueryParameters.text("secret_id", secretId, 32));
            registrations.retireSecret(clientId, secretId, calls.callerRoles());
            return null;
        });
        return Response.noContent().build();
    }

    @Operation(summary = "Revoke every token the client holds (incident response); the client stays as it is")
    @APIResponse(responseCode = "204", description = "Its tokens are refused from the next request on")
    @APIResponse(responseCode = "404", description = "No such client",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @Path("{client_id}/revoke-tokens")
    @RolesAllowed("admin:oauth")
    public Response revokeTokens(@PathParam("client_id") String clientId) {
        calls.perform("admin_client_tokens_revoked", clientId, () -> {
            registrations.revokeTokens(clientId, calls.callerRoles());
            return null;
        });
        return Response.noContent().build();
    }

    /** The fields that say how a client authenticates, accepted on registration and on PATCH alike. */
    private static final Set<String> AUTHENTICATION_FIELDS = Set.of("token_endpoint_auth_method", "jwks", "jwks_uri",
            "trust_anchor", "federated_subject", "federated_claims", "allow_default_service_account");

    private static Set<String> fields(String... others) {
        Set<String> all = new java.util.HashSet<>(AUTHENTICATION_FIELDS);
        all.addAll(List.of(others));
        return all;
    }

    private static RequestedAuthentication authentication(JsonBody json) {
        return new RequestedAuthentication(json.string("token_endpoint_auth_method"), json.objectText("jwks"),
                json.string("jwks_uri"), json.string("trust_anchor"), json.string("federated_subject"),
                json.objectText("federated_claims"), json.bool("allow_default_service_account"));
    }

    private static String searchText(String text) {
        String checked = QueryParameters.text("q", text, MAX_SEARCH_LENGTH);
        return checked == null ? null : checked.strip();
    }
}
