package io.maxplatform.oauth.error;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Anything no more specific mapper takes: answered by {@link FailureAnswers}. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    FailureAnswers failures;

    @Override
    public Response toResponse(Throwable e) {
        return failures.answer(e);
    }
}
