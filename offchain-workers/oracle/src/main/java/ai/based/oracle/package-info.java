/**
 * Oracle worker: Yuma consensus, TFT Enforcer and epoch results (issue 3).
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.oracle;
