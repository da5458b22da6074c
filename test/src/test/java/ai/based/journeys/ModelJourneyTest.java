package ai.based.journeys;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Training the HE-friendly model from the CLI on the shipped corpus, reading its card, and refusing broken packages. */
@Tag("model")
class ModelJourneyTest {

    @Test
    void trainShowAndRefuseABrokenPackage() throws Exception {
        Path dir = Files.createTempDirectory("based-model-");
        Cli cli = new Cli(dir.resolve("home"));
        String trained = cli.ok("model", "train", "--config", "micro", "--threads", "1").out();
        Matcher losses = Pattern.compile("validation loss ([0-9.]+) .* vs unigram ([0-9.]+)").matcher(trained);
        assertThat(losses.find()).as(trained).isTrue();
        assertThat(Double.parseDouble(losses.group(1))).isLessThan(Double.parseDouble(losses.group(2)) - 0.3);

        Path model = dir.resolve("home/models/micro");
        for (String part : new String[] {"tokenizer.json", "config.json", "model.safetensors", "model-card.json"}) {
            assertThat(model.resolve(part)).isRegularFile();
        }
        assertThat(cli.ok("model", "show", "micro").out()).contains("micro (Power-Softmax p=2", "parameters", "held-out tokens");

        // Few fine-tuning steps and short measured passes: the journey checks the command end to end, CerberusSqueezeTest
        // the squeezing itself (the defaults took 2 min 40 s here, these 1 min 30 s).
        String squeezed = cli.ok("model", "squeeze", "tiny", "--keep", "6", "--windows", "4", "--fine-tune", "30",
                "--measure-tokens", "4").out();
        assertThat(squeezed).contains("heads kept 6 of 8", "held-out perplexity", "measured s", "package written to");
        assertThat(cli.ok("model", "show", "tiny-squeezed").out()).contains("tiny-squeezed (Power-Softmax p=2");
        assertThat(cli.expect(ExitCodes.USAGE, "model", "squeeze", "tiny").err()).contains("--threshold", "--keep");

        Files.delete(model.resolve("model.safetensors"));
        assertThat(cli.expect(ExitCodes.USAGE, "model", "show", model.toString()).err()).contains("has no model.safetensors");
        assertThat(cli.expect(ExitCodes.USAGE, "model", "train", "--config", "huge").err()).contains("unknown model config 'huge'");
    }

    @Test
    void aGpt2CheckpointExportedFromTheTwinImportsAsAnHeFriendlyModel() throws Exception {
        Path dir = Files.createTempDirectory("based-import-");
        Cli cli = new Cli(dir.resolve("home"));
        cli.ok("model", "train", "--config", "micro", "--twin", "--threads", "1");
        assertThat(cli.expect(ExitCodes.USAGE, "model", "export", "tiny", "--out", dir.resolve("x").toString()).err())
                .contains("is not a GPT-2 model");
        cli.ok("model", "export", "micro-twin", "--out", dir.resolve("gpt2").toString());
        String imported = cli.ok("model", "import", dir.resolve("gpt2").toString(), "--name", "converted", "--fine-tune-steps", "150",
                "--threads", "1").out();
        assertThat(imported).contains("converted (Power-Softmax p=2", "package written to");
        assertThat(cli.ok("model", "show", "converted").out()).contains("converted (Power-Softmax p=2");
        assertThat(cli.expect(ExitCodes.USAGE, "model", "import", dir.resolve("nothing").toString()).err()).contains("no checkpoint directory");
    }
}
