package ai.based.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class MerkleTreeTest {

    @Test
    void keccakMatchesWeb3jForEveryLengthUpToOneBlock() {
        Random random = new Random(7);
        Keccak keccak = new Keccak();
        for (int length = 0; length < 136; length++) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            byte[] out = new byte[32];
            keccak.hash(input, 0, length, out, 0);
            assertThat(out).as("length %d", length).isEqualTo(Hash.sha3(input));
        }
    }

    @Test
    void everyProofLeadsBackToTheRootForOddAndEvenSizes() {
        for (int size : new int[] {1, 2, 3, 5, 8, 13}) {
            List<Reward> rewards = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                rewards.add(new Reward(String.format("0x%040x", i + 1), BigInteger.valueOf(1_000L * (i + 1))));
            }
            byte[] leaves = MerkleTree.rewardLeaves(4, rewards);
            MerkleTree tree = MerkleTree.build(leaves);
            for (int i = 0; i < size; i++) {
                byte[] leaf = Arrays.copyOfRange(leaves, i * 32, (i + 1) * 32);
                assertThat(MerkleTree.rootFrom(leaf, tree.proof(i))).as("size %d leaf %d", size, i).isEqualTo(tree.root());
            }
        }
    }

    @Test
    void leafIsTheDoubleHashOfTheAbiEncodedReward() {
        byte[] encoded = new byte[96];
        encoded[31] = 4;
        encoded[63] = 0x2a;
        encoded[95] = 0x64;
        byte[] expected = Hash.sha3(Hash.sha3(encoded));
        byte[] leaves = MerkleTree.rewardLeaves(4, List.of(new Reward("0x000000000000000000000000000000000000002a", BigInteger.valueOf(100))));
        assertThat(leaves).isEqualTo(expected);
    }
}
