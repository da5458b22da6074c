package ai.based.cli.gigabrain;

import ai.based.cli.SignerOptions;
import ai.based.cli.TwoChainCommand;
import ai.based.governance.GovernanceClient;
import ai.based.governance.PepeChamberClient;
import ai.based.governance.ProposalAction;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.util.List;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "propose", description = "Propose parameter changes (administrator or a GigaBrain owner) and announce the "
        + "proposal to the Pepecoin chamber on Ethereum.")
public final class GigabrainProposeCommand extends TwoChainCommand {
    @Option(names = "--set", required = true, paramLabel = "NAME=VALUE",
            description = "bonus-pool=BPS, registration-fee-bounds=MIN,MAX, unit-price-bounds=MIN,MAX, max-validator-take=BPS, "
                    + "oracle-signers=A;B;C@M, bond-variant=yuma|yuma3, pause=registry|stakes, unpause=registry|stakes (repeatable)")
    List<String> actions;

    @Option(names = "--description", required = true)
    String description;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
        List<ProposalAction> parsed = actions.stream().map(ProposalAction::parse).toList();
        var proposer = signer.unlock(home());
        var id = new GovernanceClient(basedai).propose(proposer, parsed, description);
        out().println("proposal " + id);
        byte[] message = new PepeChamberClient(ethereum, basedai).announce(proposer, id);
        out().println("announced to the Pepecoin chamber: bridge message " + Numeric.toHexString(message)
                + " opens its window on Ethereum once relayed");
    }
}
