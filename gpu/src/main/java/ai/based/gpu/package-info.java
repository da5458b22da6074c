/**
 * JCuda implementation of the fhe/ckks compute SPI, found at run time through ServiceLoader; nothing depends on it at compile time.
 *
 * <p>Created by the foundation issue so the module graph of DESIGN.md §3 exists and is enforced; its code lands
 * with the issue named above.
 */
package ai.based.gpu;
