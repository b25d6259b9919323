package io.maxplatform.servicetoken;

/**
 * Getting a service token failed. The subclass says what failed; no message ever contains a secret or a
 * token.
 */
public class ServiceTokenException extends RuntimeException {

    ServiceTokenException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server refused the client's credentials or request ({@code invalid_client}, {@code invalid_scope}, …). */
    public static class Refused extends ServiceTokenException {

        private final int status;
        private final String error;
        private final String errorDescription;

        Refused(int status, String error, String errorDescription) {
            super("Token request refused (HTTP " + status + "): " + error
                    + (errorDescription == null ? "" : " — " + errorDescription), null);
            this.status = status;
            this.error = error;
            this.errorDescription = errorDescription;
        }

        public int status() {
            return status;
        }

        /** RFC 6749 §5.2 error code, e.g. {@code invalid_client}. */
        public String error() {
            return error;
        }

        public String errorDescription() {
            return errorDescription;
        }

        public boolean isBadCredentials() {
            return "invalid_client".equals(error);
        }
    }

    /** The server could not be reached (connection refused, DNS, timeout). */
    public static class Unreachable extends ServiceTokenException {
        Unreachable(String url, Throwable cause) {
            super("Token server unreachable at " + url + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
    }

    /** The server answered, but not as an OAuth token endpoint does. */
    public static class UnexpectedResponse extends ServiceTokenException {
        UnexpectedResponse(String message) {
            super(message, null);
        }
    }

    /**
     * The client assertion file ({@code SERVICE_CLIENT_ASSERTION_FILE}) is missing, unreadable, empty, too
     * large or holds no JWT; the message names the file, never what it holds.
     */
    public static class AssertionFileUnusable extends ServiceTokenException {
        AssertionFileUnusable(String message) {
            super(message, null);
        }
    }

    /** The provider has nothing to authenticate with (no SERVICE_TOKEN and no client credentials). */
    public static class NotConfigured extends ServiceTokenException {
        NotConfigured(String message) {
            super(message, null);
        }
    }
}
