package ai.based.client.manifest;

/** A deployment cannot be read, found or made. */
public class DeploymentException extends RuntimeException {
    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
