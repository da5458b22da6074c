package ai.based.service;

/** A service stopped by itself because its passes kept failing (see {@link FailurePolicy}). */
public final class ServiceGaveUpException extends RuntimeException {
    public ServiceGaveUpException(String message, Throwable cause) {
        super(message, cause);
    }
}
