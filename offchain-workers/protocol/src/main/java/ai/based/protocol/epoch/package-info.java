/**
 * One Brain's epoch from what the chain holds: its nodes, stakes and revealed weights become Yuma consensus input,
 * the consensus becomes the Brain's performance, its miners' incentive and its validators' dividends, and the
 * lowest-ranked nodes outside immunity become pruning candidates. Pure functions: the oracle module reads the
 * chain, every signer computes the same bits from the same snapshot.
 */
package ai.based.protocol.epoch;
