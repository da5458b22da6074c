package ai.based.client.brains;

/** One live Brain in a listing. */
public record BrainEntry(long id, String owner, AcquisitionMethod method) {}
