package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A seed expands into AES-256-CTR's keystream (zero counter block), read as little-endian longs masked to the prime's
 * bit length and kept below it: the stream keys travel with must stay this exact one, and a row must resume from
 * where the rows before it ended.
 */
class SeedExpanderTest {
    private static final byte[] SEED = seed(7);
    /** Just above 2^40: about half of the masked draws are rejected. */
    private static final Modulus REJECTING = new Modulus((1L << 40) + 15);
    private static final Modulus NEAR_TWO_60 = new Modulus(1152921504606584833L);

    @Test
    void theExpansionIsTheAesCtrKeystreamByRejection() throws Exception {
        int count = 20_000; // spans several of the stream's internal chunks
        ByteBuffer keystream = ByteBuffer.wrap(reference(SEED, 8 * 4 * count)).order(ByteOrder.LITTLE_ENDIAN);
        SeedExpander expander = SeedExpander.of(SEED);
        for (Modulus m : List.of(REJECTING, NEAR_TWO_60)) {
            long[] actual = new long[count];
            expander.uniform(actual, m);
            long mask = -1L >>> Long.numberOfLeadingZeros(m.q);
            long[] expected = new long[count];
            for (int i = 0; i < count; ) {
                long r = keystream.getLong() & mask;
                if (r < m.q) expected[i++] = r;
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expander.offset()).isEqualTo(keystream.position());
        }
    }

    @Test
    void anExpansionResumesAtAnyOffsetItReported() {
        SeedExpander sequential = SeedExpander.of(SEED);
        List<Long> starts = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        boolean sawOddBlock = false;
        for (int row = 0; row < 12; row++) {
            long start = sequential.offset();
            sawOddBlock |= start % 16 == 8;
            long[] values = new long[1000 + 977 * row]; // row ends fall anywhere in the stream's chunks
            sequential.uniform(values, row % 2 == 0 ? REJECTING : NEAR_TWO_60);
            starts.add(start);
            rows.add(values);
        }
        assertThat(sawOddBlock).as("some row starts in the middle of an AES block").isTrue();
        for (int row = rows.size() - 1; row >= 0; row--) {
            long[] again = new long[rows.get(row).length];
            SeedExpander.at(SEED, starts.get(row)).uniform(again, row % 2 == 0 ? REJECTING : NEAR_TWO_60);
            assertThat(again).as("row %d from offset %d", row, starts.get(row)).isEqualTo(rows.get(row));
        }
        long[] other = new long[1000];
        SeedExpander.at(seed(8), starts.get(0)).uniform(other, REJECTING);
        assertThat(other).as("another seed, another row").isNotEqualTo(rows.get(0));
    }

    @Test
    void anOffsetOutsideTheStreamsLongsIsRefused() {
        assertThatThrownBy(() -> SeedExpander.at(SEED, -8)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> SeedExpander.at(SEED, 12)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> SeedExpander.at(new byte[16], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static byte[] reference(byte[] key, int bytes) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        return cipher.doFinal(new byte[bytes]);
    }

    private static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) seed[i] = (byte) (fill * 31 + i);
        return seed;
    }
}
