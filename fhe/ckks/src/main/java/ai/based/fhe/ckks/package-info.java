/**
 * Pure-Java RNS-CKKS library (issue 5): ring, rlwe, ckks, circuits and the compute SPI. Depends on no project module.
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.fhe.ckks;
