package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.market.MarketException;
import ai.based.client.market.SpendingAccount;
import java.math.BigInteger;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Withdrawing takes two runs, a delay apart: the first asks the amount back (miners may still redeem receipts
 * against it during the delay, which is what lets them serve before they are paid), the second receives it.
 */
@Command(name = "withdraw", description = {
        "Withdraw BASED from the spending account, in two steps a delay apart (8,640 blocks, about a day):",
        "  1. 'withdraw --amount X' (or 'withdraw' for everything) asks for it and says at which block it unlocks;",
        "  2. 'withdraw' again after that block sends it to the wallet.",
        "Until then miners may still redeem receipts you signed against the whole balance."})
public final class AccountWithdrawCommand extends BasedAiCommand {
    @Option(names = "--amount", paramLabel = "BASED", converter = Converters.PositiveAmount.class,
            description = "amount to ask back (default: the whole balance); replaces a request still locked")
    String amount;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        ComputeMarketClient market = new ComputeMarketClient(session);
        SpendingAccount account = market.account(credentials.getAddress());
        long block = session.node().blockNumber().longValueExact();

        if (account.hasPendingWithdrawal() && amount == null) {
            // Step 2; a withdrawal still locked is refused with the block that unlocks it.
            BigInteger paid = market.withdraw(credentials);
            out().println("step 2 of 2: withdrew " + Pepe.format(paid) + " BASED to " + Keys.toChecksumAddress(credentials.getAddress()));
            AccountShowCommand.print(out(), market.account(credentials.getAddress()), session.node().blockNumber().longValueExact());
            return;
        }
        if (account.hasPendingWithdrawal() && account.unlockedAt(block + 1)) {
            throw new MarketException(MarketException.Reason.INVALID_INPUT, "a withdrawal of "
                    + Pepe.format(account.pending()) + " BASED is unlocked; run 'based account withdraw' without --amount "
                    + "to receive it before asking for another (a new request would restart the delay)");
        }
        BigInteger asked = amount == null ? account.balance() : Pepe.parsePositive(amount);
        if (asked.signum() == 0) {
            throw new MarketException(MarketException.Reason.INSUFFICIENT_FUNDS, "nothing to withdraw: the spending account of "
                    + credentials.getAddress() + " is empty");
        }
        if (account.hasPendingWithdrawal()) {
            progress().accept("this replaces the pending request of " + Pepe.format(account.pending()) + " BASED; the delay restarts");
        }
        SpendingAccount after = market.requestWithdrawal(credentials, asked);
        long now = session.node().blockNumber().longValueExact();
        out().println("step 1 of 2: asked " + Pepe.format(asked) + " BASED back to " + Keys.toChecksumAddress(credentials.getAddress())
                + "; it unlocks at block " + after.unlockBlock()
                + " (" + (after.unlockBlock() - now) + " blocks from now). Run 'based account withdraw' again after that "
                + "block to receive it; until then miners may still redeem receipts you signed.");
        AccountShowCommand.print(out(), after, now);
    }
}
