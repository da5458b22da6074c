package ai.based.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench ckks --backend} sets the library's backend property before it picks, and refuses unknown names. */
class CkksBackendOptionTest {
    @Test
    void eachChoiceSetsTheLibrarysPropertyAndAnUnknownOneIsRefused() {
        String before = System.getProperty(CkksBackendOption.PROPERTY);
        try {
            for (String[] choice : new String[][] {{"gpu", "gpu"}, {"cpu", "cpu-avx512"}, {"cpu-avx2", "cpu-avx2"}, {"cpu-scalar", "cpu"}}) {
                int code = BasedCommand.run(new String[] {"bench", "ckks", "--backend", choice[0], "--help"},
                        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                assertThat(code).isZero();
                assertThat(System.getProperty(CkksBackendOption.PROPERTY)).as(choice[0]).isEqualTo(choice[1]);
            }
            StringWriter err = new StringWriter();
            int code = BasedCommand.run(new String[] {"bench", "ckks", "--backend", "tpu"}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertThat(code).isNotZero();
            assertThat(err.toString()).contains("--backend takes gpu, cpu, cpu-avx2 or cpu-scalar, got tpu");
        } finally {
            if (before == null) System.clearProperty(CkksBackendOption.PROPERTY);
            else System.setProperty(CkksBackendOption.PROPERTY, before);
        }
    }
}
