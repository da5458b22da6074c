package ai.based.fhe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.InsecureParameters;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SerializerTest {
    /** A small insecure ring keeps the fuzzing fast; the format does not depend on N. */
    private static final Parameters PARAMS = InsecureParameters.forTest("serializer fuzz",
            new ParametersLiteral(6, List.of(50, 40), List.of(50), 30));
    private static final Serializer SERIALIZER = new Serializer(PARAMS);
    private static final KeyGenerator KEYGEN = new KeyGenerator(PARAMS.ring(), TestRandomness.named("serializer"));
    private static final SecretKey SK = KEYGEN.secretKey();
    private static final Encoder ENCODER = new Encoder(PARAMS);
    private static final byte[] SEED = new byte[32];
    private static final Ciphertext SYMMETRIC = new Encryptor(PARAMS.ring(), TestRandomness.named("enc"))
            .encryptSymmetric(ENCODER.encode(new double[] {0.5, -0.25, 0.125}, 1, Math.pow(2, 30)), SK, SEED);
    private static final byte[] VALID = SERIALIZER.write(SYMMETRIC);

    private static double[] decrypt(Ciphertext ct) {
        return ENCODER.decode(new Decryptor(PARAMS.ring(), SK).decrypt(ct));
    }

    @Test
    void ciphertextsAndKeysRoundTrip() {
        assertThat(decrypt(SERIALIZER.readCiphertext(VALID))[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        byte[] seeded = SERIALIZER.writeSeeded(SYMMETRIC, SEED);
        assertThat(seeded.length).isLessThan(VALID.length * 2 / 3);
        assertThat(decrypt(SERIALIZER.readCiphertext(seeded))[1]).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-6));
        SwitchingKey rlk = KEYGEN.relinearizationKey(SK);
        byte[] seededKey = SERIALIZER.write(rlk);
        SwitchingKey read = SERIALIZER.readSwitchingKey(seededKey);
        assertThat(read.b()).isDeepEqualTo(rlk.b());
        assertThat(read.a()).as("the uniform half is re-expanded from the seed").isDeepEqualTo(rlk.a());
        SwitchingKey unseeded = SwitchingKey.of(PARAMS.ring(), rlk.galoisElement(), rlk.b(), rlk.a());
        byte[] fullKey = SERIALIZER.write(unseeded);
        assertThat(seededKey.length).as("seeded key vs full key bytes").isLessThan(fullKey.length * 6 / 10);
        assertThat(SERIALIZER.size(rlk)).as("sized without writing").isEqualTo(seededKey.length);
        assertThat(SERIALIZER.size(unseeded)).isEqualTo(fullKey.length);
        assertThat(SERIALIZER.readSwitchingKey(fullKey).a()).isDeepEqualTo(rlk.a());
        byte[] wrongSeed = seededKey.clone();
        wrongSeed[indexOf(seededKey, rlk.seed().orElseThrow())] ^= 1;
        assertThat(SERIALIZER.readSwitchingKey(wrongSeed).a()).as("another seed expands to another key").isNotEqualTo(rlk.a());
        assertThat(SERIALIZER.readSecretKey(SERIALIZER.write(SK)).rows()[0]).isEqualTo(SK.rows()[0]);
        var pk = KEYGEN.publicKey(SK);
        assertThat(SERIALIZER.readPublicKey(SERIALIZER.write(pk)).a()[1]).isEqualTo(pk.a()[1]);
    }

    /**
     * A key serving level 0 only (as bootstrapping's key to the sparse secret, or a model's keys below bootstrapping's
     * levels) travels as its level, its seed and the b rows it has; a level out of range or missing rows are refused.
     */
    @Test
    void levelLimitedKeysRoundTripAndDamageIsNamed() {
        SwitchingKey limited = KEYGEN.relinearizationKey(SK, 0);
        byte[] bytes = SERIALIZER.write(limited);
        SwitchingKey read = SERIALIZER.readSwitchingKey(bytes);
        assertThat(read.maxLevel(PARAMS.ring())).isZero();
        assertThat(read.b()).isDeepEqualTo(limited.b());
        assertThat(read.a()).as("the uniform half is re-expanded from the seed").isDeepEqualTo(limited.a());
        assertThat(bytes.length).isLessThan(SERIALIZER.write(KEYGEN.relinearizationKey(SK)).length);
        assertThat(SERIALIZER.size(limited)).as("sized without writing").isEqualTo(bytes.length);
        int levelAt = indexOf(bytes, limited.seed().orElseThrow()) - 1;
        byte[] wrongLevel = bytes.clone();
        wrongLevel[levelAt] = 1;
        assertThatThrownBy(() -> SERIALIZER.readSwitchingKey(wrongLevel)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("level must be in 0..0, not 1");
        byte[] negative = bytes.clone();
        negative[levelAt] = (byte) 0x80;
        assertThatThrownBy(() -> SERIALIZER.readSwitchingKey(negative)).isInstanceOf(MalformedInputException.class);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 8);
        assertThatThrownBy(() -> SERIALIZER.readSwitchingKey(truncated)).isInstanceOf(MalformedInputException.class).hasMessageContaining("truncated");
        SwitchingKey unseeded = SwitchingKey.of(PARAMS.ring(), limited.galoisElement(), limited.b(), limited.a());
        assertThatThrownBy(() -> SERIALIZER.write(unseeded)).hasMessageContaining("travels only with the seed");
    }

    /**
     * Read compact, a seeded key (full or level-limited) comes back as b and its seed, its rows of a re-expanded to the
     * written key's; an unseeded key keeps its a; damage is refused as by the ordinary read.
     */
    @Test
    void keysReadCompactHoldBAndTheSeedOnly() {
        for (SwitchingKey written : List.of(KEYGEN.relinearizationKey(SK), KEYGEN.relinearizationKey(SK, 0))) {
            byte[] bytes = SERIALIZER.write(written);
            SwitchingKey read = SERIALIZER.readCompactSwitchingKey(bytes);
            assertThat(read.isCompact()).isTrue();
            assertThat(read.b()).isDeepEqualTo(written.b());
            assertThat(read.seed().orElseThrow()).isEqualTo(written.seed().orElseThrow());
            long[] scratch = new long[PARAMS.n()];
            for (int digit = 0; digit < written.a().length; digit++) {
                for (int prime = 0; prime < written.a()[digit].length; prime++) {
                    if (written.a()[digit][prime].length == 0) continue;
                    assertThat(read.uniformRow(digit, prime, PARAMS.ring().modulus(prime), scratch)).isEqualTo(written.a()[digit][prime]);
                }
            }
            assertThat(read.bytes()).isEqualTo(SERIALIZER.readSwitchingKey(bytes).compact().bytes());
            byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 8);
            assertThatThrownBy(() -> SERIALIZER.readCompactSwitchingKey(truncated)).isInstanceOf(MalformedInputException.class);
        }
        SwitchingKey rlk = KEYGEN.relinearizationKey(SK);
        byte[] unseeded = SERIALIZER.write(SwitchingKey.of(PARAMS.ring(), rlk.galoisElement(), rlk.b(), rlk.a()));
        assertThat(SERIALIZER.readCompactSwitchingKey(unseeded).a()).as("no seed: a is kept").isDeepEqualTo(rlk.a());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        throw new AssertionError("the seed is not in the serialized key");
    }

    @Test
    void obviousDamageIsNamed() {
        assertThatThrownBy(() -> SERIALIZER.readCiphertext(new byte[3])).hasMessageContaining("too short");
        byte[] truncated = java.util.Arrays.copyOf(VALID, VALID.length - 9);
        assertThatThrownBy(() -> SERIALIZER.readCiphertext(truncated)).isInstanceOf(MalformedInputException.class).hasMessageContaining("truncated");
        byte[] longer = java.util.Arrays.copyOf(VALID, VALID.length + 1);
        assertThatThrownBy(() -> SERIALIZER.readCiphertext(longer)).hasMessageContaining("trailing");
        var other = new Serializer(InsecureParameters.forTest("other ring", new ParametersLiteral(6, List.of(50, 41), List.of(50), 30)));
        assertThatThrownBy(() -> other.readCiphertext(VALID)).hasMessageContaining("other CKKS parameters");
        assertThatThrownBy(() -> SERIALIZER.readPublicKey(VALID)).hasMessageContaining("not a public key");
    }

    @Test
    void theFingerprintCoversTheScaleAndTheSplitOfQAndP() {
        var otherScale = new Serializer(InsecureParameters.forTest("other scale", new ParametersLiteral(6, List.of(50, 40), List.of(50), 31)));
        assertThatThrownBy(() -> otherScale.readCiphertext(VALID)).hasMessageContaining("other CKKS parameters");
        // the same three primes, split [50 | 40, 50] instead of [50, 40 | 50]
        var otherSplit = new Serializer(InsecureParameters.forTest("other split", new ParametersLiteral(6, List.of(50), List.of(40, 50), 30)));
        assertThatThrownBy(() -> otherSplit.readCiphertext(VALID)).hasMessageContaining("other CKKS parameters");
        assertThatThrownBy(() -> otherSplit.readPublicKey(SERIALIZER.write(KEYGEN.publicKey(SK)))).hasMessageContaining("other CKKS parameters");
    }

    @Test
    void ciphertextsAreBoundToTheirKeySet() {
        var pk = KEYGEN.publicKey(SK);
        KeySetId mine = SERIALIZER.keySetId(pk);
        assertThat(SERIALIZER.keySetId(pk)).isEqualTo(mine);
        var otherKeys = new KeyGenerator(PARAMS.ring(), TestRandomness.named("someone else"));
        KeySetId theirs = SERIALIZER.keySetId(otherKeys.publicKey(otherKeys.secretKey()));
        assertThat(theirs).isNotEqualTo(mine);
        byte[] bound = SERIALIZER.boundTo(mine).write(SYMMETRIC);
        assertThat(decrypt(SERIALIZER.boundTo(mine).readCiphertext(bound))[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> SERIALIZER.boundTo(theirs).readCiphertext(bound)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("encrypted for key set " + mine).hasMessageContaining("not for these keys (key set " + theirs);
        byte[] seeded = SERIALIZER.boundTo(mine).writeSeeded(SYMMETRIC, SEED);
        assertThatThrownBy(() -> SERIALIZER.boundTo(theirs).readCiphertext(seeded)).hasMessageContaining("key set");
        assertThatThrownBy(() -> SERIALIZER.boundTo(mine).readCiphertext(VALID)).hasMessageContaining("names no key set");
    }

    @Test
    void theOldFormatIsRefusedByName() {
        byte[] old = VALID.clone();
        old[4] = 1;
        assertThatThrownBy(() -> SERIALIZER.readCiphertext(old)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("BCKS version 1 is no longer read").hasMessageContaining("keygen --force");
    }

    @Property(tries = 400)
    void anyMutationIsRejectedCleanlyOrStillAValidCiphertext(@ForAll @IntRange(min = 0, max = 2_000) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 3) int kind) {
        byte[] mutated;
        int at = position % VALID.length;
        switch (kind) {
            case 0 -> {
                mutated = VALID.clone();
                mutated[at] = value;
            }
            case 1 -> mutated = java.util.Arrays.copyOf(VALID, at);
            case 2 -> {
                mutated = java.util.Arrays.copyOf(VALID, VALID.length + 1 + at % 16);
                mutated[VALID.length] = value;
            }
            default -> {
                mutated = VALID.clone();
                for (int i = at; i < Math.min(VALID.length, at + 8); i++) mutated[i] = (byte) 0xFF;
            }
        }
        try {
            Ciphertext ct = SERIALIZER.readCiphertext(mutated);
            assertThat(ct.level()).isBetween(0, PARAMS.maxLevel());
        } catch (MalformedInputException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
