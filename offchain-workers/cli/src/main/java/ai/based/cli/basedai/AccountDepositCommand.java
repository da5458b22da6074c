package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.SpendingAccount;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deposit", description = "Move BASED from the wallet into its spending account (approves exactly that amount).")
public final class AccountDepositCommand extends BasedAiCommand {
    @Option(names = "--amount", required = true, paramLabel = "BASED", converter = Converters.PositiveAmount.class)
    String amount;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        SpendingAccount account = new ComputeMarketClient(session).deposit(credentials, Pepe.parsePositive(amount));
        out().println("deposited " + amount + " BASED into the spending account of " + Keys.toChecksumAddress(credentials.getAddress()));
        AccountShowCommand.print(out(), account, session.node().blockNumber().longValueExact());
    }
}
