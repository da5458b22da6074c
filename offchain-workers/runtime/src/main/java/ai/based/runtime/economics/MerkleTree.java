package ai.based.runtime.economics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Merkle tree that OpenZeppelin's MerkleProof verifies: pairs are hashed in sorted order (commutative
 * Keccak-256) and an odd node at the end of a level moves up unchanged. Leaves are the double hash
 * keccak256(keccak256(abi.encode(epoch, account, amount))), as EmissionController.claim computes them.
 * Levels are flat byte arrays (32 bytes a node), so two million leaves cost about 130 MB and no objects.
 */
public final class MerkleTree {
    private static final int NODE = 32;
    private final List<byte[]> levels;

    private MerkleTree(List<byte[]> levels) {
        this.levels = levels;
    }

    /** Builds the tree over leaves given as 32-byte hashes, in order. */
    public static MerkleTree build(byte[] leaves) {
        if (leaves.length == 0 || leaves.length % NODE != 0) {
            throw new IllegalArgumentException("leaves must be a non-empty multiple of 32 bytes");
        }
        List<byte[]> levels = new ArrayList<>();
        levels.add(leaves);
        Keccak keccak = new Keccak();
        byte[] pair = new byte[2 * NODE];
        byte[] level = leaves;
        while (level.length > NODE) {
            int count = level.length / NODE;
            byte[] parent = new byte[((count + 1) / 2) * NODE];
            for (int i = 0; i + 1 < count; i += 2) {
                hashPair(keccak, level, i * NODE, (i + 1) * NODE, pair, parent, (i / 2) * NODE);
            }
            if (count % 2 == 1) {
                System.arraycopy(level, (count - 1) * NODE, parent, (count / 2) * NODE, NODE);
            }
            levels.add(parent);
            level = parent;
        }
        return new MerkleTree(levels);
    }

    public int size() {
        return levels.getFirst().length / NODE;
    }

    public byte[] root() {
        return Arrays.copyOf(levels.getLast(), NODE);
    }

    /** Sibling hashes from leaf {@code index} up to the root. */
    public List<byte[]> proof(int index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("no leaf " + index);
        List<byte[]> proof = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[] level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling * NODE < level.length) {
                proof.add(Arrays.copyOfRange(level, sibling * NODE, (sibling + 1) * NODE));
            }
            position >>= 1;
        }
        return proof;
    }

    /** The leaf hash of a reward: keccak256(bytes.concat(keccak256(abi.encode(epoch, account, amount)))). */
    private static void rewardLeaf(Keccak keccak, long epoch, String account, BigInteger amount, byte[] buffer, byte[] out, int outOffset) {
        Arrays.fill(buffer, 0, 96, (byte) 0);
        putWord(buffer, 0, BigInteger.valueOf(epoch));
        putWord(buffer, 32, new BigInteger(account.substring(2), 16));
        putWord(buffer, 64, amount);
        keccak.hash(buffer, 0, 96, buffer, 96);
        keccak.hash(buffer, 96, 32, out, outOffset);
    }

    /** Leaf hashes for rewards, in the given order. */
    public static byte[] rewardLeaves(long epoch, List<Reward> rewards) {
        Keccak keccak = new Keccak();
        byte[] buffer = new byte[128];
        byte[] leaves = new byte[rewards.size() * NODE];
        for (int i = 0; i < rewards.size(); i++) {
            rewardLeaf(keccak, epoch, rewards.get(i).account(), rewards.get(i).amount(), buffer, leaves, i * NODE);
        }
        return leaves;
    }

    /** Recomputes a root from a leaf and its proof, as MerkleProof.verify does. */
    public static byte[] rootFrom(byte[] leaf, List<byte[]> proof) {
        Keccak keccak = new Keccak();
        byte[] current = leaf.clone();
        byte[] pair = new byte[2 * NODE];
        for (byte[] sibling : proof) {
            byte[] both = new byte[2 * NODE];
            System.arraycopy(current, 0, both, 0, NODE);
            System.arraycopy(sibling, 0, both, NODE, NODE);
            byte[] next = new byte[NODE];
            hashPair(keccak, both, 0, NODE, pair, next, 0);
            current = next;
        }
        return current;
    }

    private static void hashPair(Keccak keccak, byte[] level, int a, int b, byte[] pair, byte[] out, int outOffset) {
        boolean aFirst = Arrays.compareUnsigned(level, a, a + NODE, level, b, b + NODE) <= 0;
        System.arraycopy(level, aFirst ? a : b, pair, 0, NODE);
        System.arraycopy(level, aFirst ? b : a, pair, NODE, NODE);
        keccak.hash(pair, 0, 2 * NODE, out, outOffset);
    }

    private static void putWord(byte[] buffer, int offset, BigInteger value) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, buffer, offset + 32 - length, length);
    }
}
