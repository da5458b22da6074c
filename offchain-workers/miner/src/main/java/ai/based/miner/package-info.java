/**
 * The miner: a Brain's encrypted model served over HTTPS on the service core. It holds only evaluation keys, never
 * anything that decrypts (the module rules enforce it). Its routes: {@code GET /v1/info} (the model's content id, the
 * CKKS parameters, limits), {@code HEAD|PUT /v1/keys/{keySetId}} (evaluation keys, streamed, kept in a bounded LRU
 * store) and {@code /v1/session} (a WebSocket over which passes run, with the client's round trips). Package
 * {@code remote} is the client side of the same protocol, for users and validators.
 */
package ai.based.miner;
