/**
 * How a validator turns its challenges into weights: {@link ai.based.protocol.scoring.LogitScorer} compares a
 * miner's decrypted logits with the validator's plaintext reference (argmax agreement, logit error against the
 * CKKS tolerance, a latency factor), {@link ai.based.protocol.scoring.DiagnosisScorer} does the same for a diagnosis
 * Brain's scores of held-out patient records (class agreement, score error, latency), {@link ai.based.protocol.scoring.ScoreEma} keeps a per-miner moving average
 * guarded against NaN and out-of-range scores, and its weights are what the validator commits and reveals.
 * Pure functions of plain arrays; validator-local, so doubles are fine here (consensus only sees the u16
 * weights on chain).
 */
package ai.based.protocol.scoring;
