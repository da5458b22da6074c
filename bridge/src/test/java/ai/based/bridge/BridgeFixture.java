package ai.based.bridge;

import ai.based.chain.ChainIds;
import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.DecodedRevert;
import ai.based.chain.tx.Reverts;
import ai.based.deployment.BridgeOptions;
import ai.based.deployment.DeployOptions;
import ai.based.deployment.Deployer;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.BasedSession;
import ai.based.client.ChainSession;
import ai.based.client.EthereumSession;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.web3j.crypto.Credentials;

/** Both devnets with everything deployed, the two messenger ends and a local 2-of-3 relayer quorum. */
public final class BridgeFixture implements AutoCloseable {
    public static final BigInteger BASED = BigInteger.TEN.pow(18);
    public static final Credentials ADMIN = DevAccounts.account(0);
    public static final Credentials FAUCET = DevAccounts.account(1);
    public static final List<Credentials> RELAYERS = BridgeOptions.DEVNET_RELAYER_ACCOUNTS.stream().map(DevAccounts::account).toList();
    public static final Credentials SUBMITTER = DevAccounts.account(13);

    public final AnvilNode ethNode;
    public final AnvilNode basedNode;
    public final EthereumSession ethereum;
    public final BasedSession basedai;
    public final MessengerEnd ethEnd;
    public final MessengerEnd basedEnd;
    public final Path dir;

    public BridgeFixture(BigInteger mintLimit) throws Exception {
        dir = Files.createTempDirectory("based-bridge-");
        ethNode = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.ETHEREUM_DEVNET, dir.resolve("eth.log")));
        basedNode = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.BASEDAI_DEVNET, dir.resolve("based.log")));
        var result = new Deployer(new ManifestStore(dir), ChainSession.reverts(), line -> {}).deploy("test", ethNode, basedNode,
                ADMIN, DeployOptions.forDevnet().withBridge(BridgeOptions.devnet().withMintLimit(mintLimit)));
        ethereum = EthereumSession.open(result.manifest());
        basedai = BasedSession.open(result.manifest());
        ethEnd = MessengerEnd.ethereum(ethereum);
        basedEnd = MessengerEnd.basedai(basedai);
    }

    /**
     * Makes dev account 5 the owner of a GigaBrain, as only GigaBrain owners may propose: it acquires Brain 7 on
     * Ethereum by burn, the mirror brings it over (relayed here), and it stakes 1,000 BASED on it.
     */
    public Credentials gigaBrainOwner() throws Exception {
        Credentials owner = ai.based.chain.anvil.DevAccounts.account(5);
        BigInteger brain = BigInteger.valueOf(7);
        ethereum.pepe(ethereum.signer(owner)).faucet(owner.getAddress(), based(1_000)).send();
        ethereum.pepe(ethereum.signer(owner)).approve(ethereum.address("BrainPortal"), based(1_000)).send();
        ethereum.portal(ethereum.signer(owner)).acquireByBurn().send();
        ai.based.contracts.BrainMirror.load(ethereum.address(ai.based.client.manifest.BridgeContracts.BRAIN_MIRROR), ethereum.node().web3j(),
                ethereum.signer(owner), ai.based.chain.tx.TxManager.WRAPPER_GAS).sync(brain).send();
        toBasedAi(RELAYERS.subList(0, 2)).relayPending(line -> {});
        basedai.token(basedai.signer(FAUCET)).transfer(owner.getAddress(), based(1_000)).send();
        var stakes = basedai.stakes(basedai.signer(owner));
        basedai.token(basedai.signer(owner)).approve(stakes.getContractAddress(), based(1_000)).send();
        basedai.stakes(basedai.signer(owner)).stake(brain, "0x0000000000000000000000000000000000000000", based(1_000)).send();
        return owner;
    }

    public static BigInteger based(long whole) {
        return BASED.multiply(BigInteger.valueOf(whole));
    }

    public MessageRelay toEthereum(List<Credentials> relayers) {
        return new MessageRelay(basedEnd, ethEnd, relayers, SUBMITTER, 0);
    }

    public MessageRelay toBasedAi(List<Credentials> relayers) {
        return new MessageRelay(ethEnd, basedEnd, relayers, SUBMITTER, 0);
    }

    public static DecodedRevert reverts(String error, ThrowingCallable action) {
        return Reverts.expect(error, action);
    }

    @Override
    public void close() {
        ethereum.close();
        basedai.close();
        ethNode.close();
        basedNode.close();
    }
}
