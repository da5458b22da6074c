/**
 * Validator worker: checks and scores miners (issue 3).
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.validator;
