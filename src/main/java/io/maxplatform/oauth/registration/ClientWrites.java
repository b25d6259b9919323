package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.client.SecretRotation;
import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.error.DatabaseErrors;
import io.maxplatform.oauth.key.SigningKeyChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.util.function.Consumer;

/**
 * Writes a client's change, then what follows from it, always in that order and in the caller's transaction.
 * The change goes first so that a concurrent one (the client's version) or a taken id is refused with 409
 * here: what follows is statements of its own, each of which would otherwise flush the change itself, where
 * the conflict would surface as an unexpected error.
 */
@ApplicationScoped
class ClientWrites {

    @Inject
    ClientRepository clients;

    @Inject
    SecretRotation secretRotation;

    @Inject
    SigningKeyChanges signingKeys;

    @Inject
    TokenCutoffs cutoffs;

    /**
     * What follows from a change: its step in the client's secret history, whether its token lifetime changed,
     * and which of its tokens die.
     */
    record FollowUp(Consumer<SecretRotation> secretHistory, boolean lifetimeChanged, TokenKill kill) {

        static final Consumer<SecretRotation> NO_SECRET_CHANGE = rotation -> {
        };

        static FollowUp tokens(TokenKill kill) {
            return new FollowUp(NO_SECRET_CHANGE, false, kill);
        }
    }

    /** A new client, with its first secret (if it has one) and the key lifetime its tokens need. */
    void add(Client client) {
        clients.add(client);
        save(client, new FollowUp(rotation -> rotation.first(client), client.tokenLifetimeSeconds().isPresent(),
                TokenKill.NONE));
    }

    void save(Client client, FollowUp followUp) {
        flushOrConflict();
        followUp.secretHistory().accept(secretRotation);
        if (followUp.lifetimeChanged()) {
            // The key signing this client's tokens must stay published as long as they may live.
            client.tokenLifetimeSeconds().ifPresent(signingKeys::coverTokenLifetime);
        }
        followUp.kill().applyTo(client.clientId(), cutoffs);
    }

    private void flushOrConflict() {
        try {
            clients.flush();
        } catch (OptimisticLockException e) {
            throw ApiException.conflict("The client was changed by a concurrent request; read it again and retry");
        } catch (PersistenceException e) {
            if (DatabaseErrors.isUniqueViolation(e)) {
                throw ApiException.conflict("A client with this client_id was created by a concurrent request");
            }
            throw e;
        }
    }
}
