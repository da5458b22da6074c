package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "price", description = {"Price of one compute unit (one encrypted token pass of the Brain's model) in BASED.",
        "Shows it, or with --set the Brain's owner sets it within governance's bounds."})
public final class BrainPriceCommand extends BasedAiCommand {
    @Option(names = "--brain", required = true, paramLabel = "N", converter = Converters.BrainNumber.class)
    long brainId;

    @ArgGroup(exclusive = false)
    SetPrice set;

    static final class SetPrice {
        @Option(names = "--set", required = true, paramLabel = "BASED", description = "new price of a unit (0 is allowed)")
        String price;

        @Option(names = "--wallet", required = true, paramLabel = "NAME", description = "the Brain owner's wallet")
        String wallet;

        @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the wallet password")
        Path passwordFile;
    }

    @Override
    protected void run(BasedSession session) throws Exception {
        ComputeMarketClient market = new ComputeMarketClient(session);
        if (set != null) {
            var owner = SignerOptions.of(set.wallet, set.passwordFile).unlock(home());
            market.setPrice(owner, brainId, Pepe.parse(set.price));
        }
        var bounds = market.priceBounds();
        out().println("Brain #" + brainId + ": " + Pepe.format(market.price(brainId)) + " BASED a compute unit (bounds "
                + Pepe.format(bounds.min()) + " to " + Pepe.format(bounds.max()) + " BASED)");
    }
}
