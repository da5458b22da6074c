package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.SpendingAccount;
import ai.based.client.wallet.WalletStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Balance of a spending account, what is pending withdrawal and when it unlocks.")
public final class AccountShowCommand extends BasedAiCommand {
    @Option(names = "--wallet", paramLabel = "NAME", description = "a wallet of this home (no password needed)")
    String wallet;

    @Option(names = "--address", paramLabel = "ADDRESS", converter = Converters.Address.class, description = "any account")
    String address;

    @Override
    protected void run(BasedSession session) throws Exception {
        if ((wallet == null) == (address == null)) throw new InvalidInputException("give either --wallet NAME or --address ADDRESS");
        String user = address != null ? address : new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).get(wallet).address();
        out().println("spending account " + user);
        print(out(), new ComputeMarketClient(session).account(user), session.node().blockNumber().longValueExact());
    }

    static void print(PrintWriter out, SpendingAccount account, long block) {
        out.println("  balance   " + Pepe.format(account.balance()) + " BASED");
        out.println("  available " + Pepe.format(account.available()) + " BASED (pays new compute)");
        if (account.hasPendingWithdrawal()) {
            out.println("  pending   " + Pepe.format(account.pending()) + " BASED, "
                    + (account.unlockedAt(block + 1) ? "unlocked: run 'based account withdraw' to receive it"
                            : "unlocks at block " + account.unlockBlock() + " (now " + block + ")"));
        }
    }
}
