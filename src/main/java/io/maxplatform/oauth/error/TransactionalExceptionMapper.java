package io.maxplatform.oauth.error;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} method whose transaction could not begin or commit (for example the database
 * went away during the commit: {@code SystemException} ← {@code XAException}). Jersey brings a mapper of its
 * own for this type, which fails when the cause has no mapper; this one, preferred by its priority, answers
 * like any other failure: 503 for an outage, 500 with an error id for a bug.
 */
@Provider
@Priority(Priorities.USER - 1000)
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

    @Inject
    FailureAnswers failures;

    @Override
    public Response toResponse(TransactionalException e) {
        return failures.answer(e);
    }
}
