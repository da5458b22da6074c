package ai.based.epochs;

/** A pruning candidate posted with an epoch: the uid a full Brain replaces next for a role (0 miner, 1 validator). */
public record Prune(long brainId, int role, long uid) {}
