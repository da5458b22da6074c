package ai.based.gpu;

/** The device had no room for an allocation; what was allocated before it is untouched. */
final class DeviceMemoryExhausted extends RuntimeException {
    DeviceMemoryExhausted(long bytes, Throwable cause) {
        super("the device has no room for " + bytes + " more bytes", cause);
    }
}
