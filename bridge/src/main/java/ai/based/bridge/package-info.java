/**
 * Message bridge relayers (issue 4): watchers, attestations, durable cursor, submission.
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.bridge;
