package ai.based.cli.basedai;

import ai.based.cli.Converters;
import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.basedai.NodeRole;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "memorize", description = "Register this wallet as a miner or validator of a Brain, paying the Brain's registration fee.")
public final class MemorizeCommand extends BasedAiCommand {
    @Option(names = "--brain", required = true, paramLabel = "N", converter = Converters.BrainNumber.class)
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
        byte[] key = computeKey == null ? new byte[32] : Numeric.toBytesPadded(Numeric.toBigInt(computeKey), 32);
        Memorized done = memorize(session, credentials, brainId, role, key, progress());
        out().println("memorized " + credentials.getAddress() + " on Brain #" + brainId + " as " + role.name().toLowerCase() + " uid "
                + done.uid() + " (fee " + Pepe.format(done.fee()) + " BASED)");
    }

    /** A node's uid on the Brain and the registration fee it paid. */
    public record Memorized(long uid, BigInteger fee) {
    }

    /** Registers {@code credentials} on the Brain, approving exactly the registration fee first; returns its uid. */
    public static Memorized memorize(BasedSession session, Credentials credentials, long brainId, NodeRole role, byte[] computeKey,
            java.util.function.Consumer<String> progress) throws Exception {
        BigInteger id = BigInteger.valueOf(brainId);
        var registry = session.registry(session.signer(credentials));
        BigInteger fee = registry.registrationFee(id).send();
        if (fee.signum() > 0) {
            progress.accept("registration fee " + Pepe.format(fee) + " BASED; approving exactly that to the registry");
            session.token(session.signer(credentials)).approve(registry.getContractAddress(), fee).send();
        }
        registry.memorize(id, role.onChain(), computeKey).send();
        progress.accept("memorized on Brain #" + brainId + " as " + role.name().toLowerCase() + " (fee " + Pepe.format(fee) + " BASED)");
        return new Memorized(registry.uidOf(id, role.onChain(), credentials.getAddress()).send().component2().longValueExact(), fee);
    }
}
