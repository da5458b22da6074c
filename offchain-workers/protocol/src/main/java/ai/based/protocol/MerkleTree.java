package ai.based.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A Merkle tree that OpenZeppelin's MerkleProof verifies: pairs are hashed in sorted order (commutative
 * Keccak-256) and an odd node at the end of a level moves up unchanged. Leaves are the double hash
 * keccak256(keccak256(abi.encode(epoch, account, amount))), as EmissionController.claim computes them.
 * Levels are flat byte arrays (32 bytes a node), so two million leaves cost about 130 MB and no objects.
 */
public final class MerkleTree {
    private static final int NODE = 32;
    private static final int PARALLEL_THRESHOLD = 4_096;
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
        byte[] level = leaves;
        while (level.length > NODE) {
            int count = level.length / NODE;
            byte[] parent = new byte[((count + 1) / 2) * NODE];
            byte[] source = level;
            inChunks(count / 2, (from, to) -> {
                Keccak keccak = new Keccak();
                byte[] pair = new byte[2 * NODE];
                for (int p = from; p < to; p++) {
                    hashPair(keccak, source, 2 * p * NODE, (2 * p + 1) * NODE, pair, parent, p * NODE);
                }
            });
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
        byte[] flat = new byte[maxProofLength() * NODE];
        int length = proofInto(index, flat);
        List<byte[]> proof = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            proof.add(Arrays.copyOfRange(flat, i * NODE, (i + 1) * NODE));
        }
        return proof;
    }

    /** The longest proof of this tree, in hashes. */
    public int maxProofLength() {
        return levels.size() - 1;
    }

    /**
     * Writes the proof of leaf {@code index} into {@code out} (32 bytes a hash) and returns its length in hashes;
     * lets a publisher stream millions of proofs without allocating one object per hash.
     */
    public int proofInto(int index, byte[] out) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("no leaf " + index);
        int length = 0;
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[] level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling * NODE < level.length) {
                System.arraycopy(level, sibling * NODE, out, length++ * NODE, NODE);
            }
            position >>= 1;
        }
        return length;
    }

    /** The leaf hash of a reward: keccak256(bytes.concat(keccak256(abi.encode(epoch, account, amount)))). */
    private static void rewardLeaf(Keccak keccak, long epoch, String account, BigInteger amount, byte[] buffer, byte[] out, int outOffset) {
        Arrays.fill(buffer, 0, 96, (byte) 0);
        for (int i = 0; i < Long.BYTES; i++) buffer[31 - i] = (byte) (epoch >>> (8 * i));
        putAddress(buffer, 44, account);
        putWord(buffer, 64, amount);
        keccak.hash(buffer, 0, 96, buffer, 96);
        keccak.hash(buffer, 96, 32, out, outOffset);
    }

    /** Leaf hashes for rewards, in the given order. */
    public static byte[] rewardLeaves(long epoch, List<Reward> rewards) {
        byte[] leaves = new byte[rewards.size() * NODE];
        inChunks(rewards.size(), (from, to) -> {
            Keccak keccak = new Keccak();
            byte[] buffer = new byte[128];
            for (int i = from; i < to; i++) {
                rewardLeaf(keccak, epoch, rewards.get(i).account(), rewards.get(i).amount(), buffer, leaves, i * NODE);
            }
        });
        return leaves;
    }

    /** Splits [0, count) into chunks run on the common pool; small inputs stay on the calling thread. */
    private static void inChunks(int count, ChunkTask task) {
        int chunks = count < PARALLEL_THRESHOLD ? 1 : Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1) * 4;
        int size = (count + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * size;
            int to = Math.min(count, from + size);
            if (from < to) task.run(from, to);
        });
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int from, int to);
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

    /** Writes a 0x-prefixed 40-digit hex address into 20 bytes, without going through BigInteger. */
    private static void putAddress(byte[] buffer, int offset, String account) {
        if (account.length() != 42) throw new IllegalArgumentException("not an address: " + account);
        for (int i = 0; i < 20; i++) {
            int high = Character.digit(account.charAt(2 + 2 * i), 16);
            int low = Character.digit(account.charAt(3 + 2 * i), 16);
            if (high < 0 || low < 0) throw new IllegalArgumentException("not an address: " + account);
            buffer[offset + i] = (byte) (high << 4 | low);
        }
    }

    private static void putWord(byte[] buffer, int offset, BigInteger value) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, buffer, offset + 32 - length, length);
    }
}
