/**
 * Yuma consensus, bonds, dividends and miner credits for one Brain and epoch: pure functions, no I/O.
 *
 * <h2>Arithmetic every oracle signer shares</h2>
 * Every value is a {@link ai.based.protocol.consensus.Fixed} number: a non-negative {@code long} counting units of
 * 2^-32 (subtensor's I32F32 without the sign bit). Rules, so that any two signers produce the same bits:
 * <ul>
 *   <li>a product a*b and a quotient a/b are computed exactly (128-bit product, long division) and rounded once
 *       to the nearest unit, ties to even; additions are exact and overflow-checked, so sums do not depend on
 *       the order of their terms;
 *   <li>stakes (integers in wei) are normalised straight from the integers: round(s_i * 2^32 / sum s);
 *       u16 weights likewise per row: round(w_ij * 2^32 / sum_j w_ij);
 *   <li>internal normalisations (stake, weight rows, bond columns, the incentive the dividends use) round each
 *       element on its own, so renumbering validators or miners renumbers them exactly;
 *   <li>the published incentive and dividends are normalised to sum to exactly 2^32 (largest remainders, equal
 *       remainders to the larger value, then the lower index): the only place where order can move a unit;
 *   <li>no floating point anywhere in the computation; doubles appear only to print results.
 * </ul>
 * The test vectors in YumaConsensusVectorsTest are worked by hand from subtensor's formulas and agree to 1e-6.
 */
package ai.based.protocol.consensus;
