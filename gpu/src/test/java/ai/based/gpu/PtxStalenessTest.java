package ai.based.gpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed PTX was generated from the current CUDA C source and the headers it includes (build machines need
 * not have a CUDA compiler to regenerate it), and declares every kernel the backend launches.
 */
class PtxStalenessTest {
    private static final Pattern LOCAL_INCLUDE = Pattern.compile("(?m)^#include \"([^\"]+)\"");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "ckks_kernels; ntt_forward_head ntt_forward_tail ntt_inverse_head ntt_inverse_tail mul_accumulate_lazy reduce_lazy "
                + "lift_centered add_rows sub_rows subtract_and_scale tensor_product mod_up_diagonal mod_up_convert inner_product "
                + "mod_down_finish permute_rows rescale_finish",
        "resident_kernels; add_ciphertexts sub_ciphertexts mul_plain mul_plain_add mul_plain_sum mul_const_rows add_const_rows extend_rows divide_convert "
                + "divide_finish"})
    void ptxRecordsTheHashOfItsCurrentSourceAndDeclaresItsKernels(String name, String kernels) throws IOException, NoSuchAlgorithmException {
        String ptx = new String(JcudaDriver.ptx(name + ".ptx"), StandardCharsets.US_ASCII);
        String firstLine = ptx.substring(0, ptx.indexOf('\n'));
        assertThat(firstLine)
                .as(name + ".ptx is stale: run gpu/scripts/build-ptx.sh after editing src/main/cuda/" + name + ".cu or a header it includes")
                .isEqualTo("// source-sha256: " + sourceHash(Path.of("src/main/cuda"), name + ".cu") + " src/main/cuda/" + name + ".cu");
        assertThat(ptx).contains(".target sm_75");
        for (String kernel : kernels.split(" ")) assertThat(ptx).contains(".visible .entry " + kernel + "(");
    }

    /** As build-ptx.sh hashes: the source's bytes, then those of each header it includes with #include "...", in order. */
    private static String sourceHash(Path dir, String file) throws IOException, NoSuchAlgorithmException {
        byte[] source = Files.readAllBytes(dir.resolve(file));
        ByteArrayOutputStream hashed = new ByteArrayOutputStream();
        hashed.writeBytes(source);
        Matcher include = LOCAL_INCLUDE.matcher(new String(source, StandardCharsets.UTF_8));
        while (include.find()) hashed.writeBytes(Files.readAllBytes(dir.resolve(include.group(1))));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hashed.toByteArray()));
    }
}
