package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.basedai.NodeRole;
import java.math.BigInteger;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "memorize", description = "Register this wallet as a miner or validator of a Brain, paying the Brain's registration fee.")
public final class MemorizeCommand extends BasedAiCommand {
    @Option(names = "--brain", required = true, paramLabel = "N")
    long brainId;

    @Option(names = "--role", required = true, description = "MINER or VALIDATOR")
    NodeRole role;

    @Option(names = "--compute-key", paramLabel = "HEX32", description = "32-byte key users encrypt to (default: zero)")
    String computeKey;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        BigInteger id = BigInteger.valueOf(brainId);
        var registry = session.registry(session.signer(credentials));
        BigInteger fee = registry.registrationFee(id).send();
        if (fee.signum() > 0) {
            progress().accept("registration fee " + Pepe.format(fee) + " BASED; approving exactly that to the registry");
            session.token(session.signer(credentials)).approve(registry.getContractAddress(), fee).send();
        }
        byte[] key = computeKey == null ? new byte[32] : Numeric.toBytesPadded(Numeric.toBigInt(computeKey), 32);
        registry.memorize(id, role.onChain(), key).send();
        var uid = registry.uidOf(id, role.onChain(), credentials.getAddress()).send().component2();
        out().println("memorized " + credentials.getAddress() + " on Brain #" + brainId + " as "
                + role.name().toLowerCase() + " uid " + uid + " (fee " + Pepe.format(fee) + " BASED)");
    }
}
