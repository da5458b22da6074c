/**
 * The validator worker (DESIGN §7): challenges a Brain's serving miners through exactly the path a user takes (a fresh
 * key set per challenge, a prompt drawn from held-out text, paid passes over the miner client), scores what it decrypts
 * against its own plaintext reference with the protocol's {@link ai.based.protocol.scoring.LogitScorer}, keeps a
 * moving average per miner, and sets its weights on chain by commit (epoch e) and reveal (epoch e + 1).
 */
package ai.based.validator;
