/**
 * The client side of the miner's protocol, for users and validators alike: TLS pinned to the certificate hash the
 * chain announces, the miner's info, key-set uploads, and passes over a WebSocket session with the client's round
 * trips answered by whoever holds the secret key (never this package).
 */
package ai.based.miner.remote;
