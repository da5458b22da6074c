package ai.based.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `oracle start` and `emissions verify` refuse what cannot work before they unlock a wallet or reach a chain. */
class OracleCommandsBadInputTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int code = BasedCommand.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void oracleStartRefusesPeersPortsAndPacesThatCannotWork() {
        assertThat(run("oracle", "start", "--wallet", "w").err()).contains("--peers");
        assertThat(run("oracle", "start", "--wallet", "w").code()).isEqualTo(ExitCodes.USAGE);
        Result ftp = run("oracle", "start", "--wallet", "w", "--peers", "http://127.0.0.1:1,ftp://example.org");
        assertThat(ftp.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ftp.err()).contains("'ftp://example.org' is not an http(s)://host:port URL");
        assertThat(run("oracle", "start", "--wallet", "w", "--peers", "http://127.0.0.1:1", "--port", "70000").err())
                .contains("--port must be 0..65535");
        assertThat(run("oracle", "start", "--wallet", "w", "--peers", "http://127.0.0.1:1", "--interval-ms", "0").code())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run("oracle", "start", "--help").out()).contains("Usage: based oracle start", "--peers", "--failover-s");
    }

    @Test
    void emissionsVerifyRefusesWhatIsNotAnEpochNumber() {
        Result negative = run("emissions", "verify", "--epoch", "-1");
        assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("there is no epoch -1: epochs are numbered from 0");
        assertThat(run("emissions", "verify", "--epoch", "soon").err()).contains("not an epoch number: 'soon'");
        assertThat(run("emissions", "verify", "--epoch", "99999999999999999999").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("emissions", "verify").code()).isEqualTo(ExitCodes.USAGE);
    }
}
