/**
 * The encrypted LLM (issue 6): model, training, Cerberus Squeezing, encrypted circuits.
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.fhe.zkllm;
