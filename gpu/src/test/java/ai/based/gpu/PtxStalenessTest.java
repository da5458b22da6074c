package ai.based.gpu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed PTX was generated from the current CUDA C source (build machines have no nvcc to regenerate it). */
class PtxStalenessTest {
    @Test
    void ptxRecordsTheHashOfItsCurrentSource() throws IOException, NoSuchAlgorithmException {
        Path source = Path.of("src/main/cuda/ckks_kernels.cu");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(source)));
        String ptx = new String(CudaKernels.ptx(), StandardCharsets.US_ASCII);
        String firstLine = ptx.substring(0, ptx.indexOf('\n'));
        assertThat(firstLine)
                .as("ckks_kernels.ptx is stale: run gpu/scripts/build-ptx.sh after editing " + source)
                .isEqualTo("// source-sha256: " + expected + " src/main/cuda/ckks_kernels.cu");
    }

    @Test
    void ptxDeclaresEveryKernelTheBackendLaunches() {
        String ptx = new String(CudaKernels.ptx(), StandardCharsets.US_ASCII);
        assertThat(ptx).contains(".target sm_75");
        for (String kernel : new String[] {"ntt_forward_head", "ntt_forward_tail", "ntt_inverse_head", "ntt_inverse_tail",
                "mul_accumulate_lazy", "reduce_lazy", "lift_centered", "add_rows", "sub_rows", "subtract_and_scale",
                "tensor_product", "mod_up_diagonal", "inner_product", "mod_down_convert", "mod_down_finish", "permute_rows",
                "rescale_finish"}) {
            assertThat(ptx).contains(".visible .entry " + kernel + "(");
        }
    }
}
