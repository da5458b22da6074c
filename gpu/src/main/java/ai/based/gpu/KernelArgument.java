package ai.based.gpu;

/**
 * One parameter of a kernel launch, as wide as the kernel declares it: a 32-bit int, a 64-bit word (a residue, a
 * constant), or the device address of an allocation's word (which a driver may check is live).
 */
record KernelArgument(long value, Kind kind) {
    enum Kind { INT32, WORD, ADDRESS }

    static KernelArgument int32(int value) {
        return new KernelArgument(value, Kind.INT32);
    }

    static KernelArgument word(long value) {
        return new KernelArgument(value, Kind.WORD);
    }

    static KernelArgument address(long value) {
        return new KernelArgument(value, Kind.ADDRESS);
    }

    /** Whether it is 64 bits wide. */
    boolean wide() {
        return kind != Kind.INT32;
    }
}
