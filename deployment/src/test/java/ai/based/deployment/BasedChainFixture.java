package ai.based.deployment;

import ai.based.client.devnet.DevnetEpochs;
import ai.based.client.devnet.DevnetFaucet;
import org.web3j.crypto.Keys;

import ai.based.chain.ChainIds;
import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.DecodedRevert;
import ai.based.chain.tx.Reverts;
import ai.based.client.manifest.Manifest;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.web3j.crypto.Credentials;

/**
 * Both devnets with everything deployed (the administrator keeps the registry's direct feed, so Brains are mirrored
 * without a relayer), and helpers to act on the BasedAI chain as any dev account. Shared with other modules' tests
 * through this module's test-jar.
 */
public final class BasedChainFixture implements AutoCloseable {
    public static final BigInteger BASED = BigInteger.TEN.pow(18);
    public static final Credentials ADMIN = DevAccounts.account(0);
    public static final Credentials FAUCET = DevAccounts.account(BasedAiOptions.DEVNET_FAUCET_ACCOUNT);
    public static final List<Credentials> ORACLES = BasedAiOptions.DEVNET_ORACLE_ACCOUNTS.stream().map(DevAccounts::account).toList();

    public final Path dir;
    public final AnvilNode ethereum;
    public final AnvilNode basedai;
    public final Manifest manifest;
    public final BasedSession session;
    /** The Ethereum side of the same deployment (portal, Brains, bridge end), closed with the fixture. */
    public final EthereumSession ethereumSession;

    private BasedChainFixture(long genesisNumber, long emissionGenesis) throws Exception {
        this(genesisNumber, emissionGenesis, DeployOptions.MAX_BRAINS);
    }

    private BasedChainFixture(long genesisNumber, long emissionGenesis, int maxBrains) throws Exception {
        dir = Files.createTempDirectory("based-chain-");
        ethereum = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.ETHEREUM_DEVNET, dir.resolve("eth.log")));
        basedai = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.BASEDAI_DEVNET, dir.resolve("based.log"))
                .withGenesisNumber(genesisNumber));
        BasedAiOptions options = emissionGenesis < 0 ? BasedAiOptions.devnet() : BasedAiOptions.devnet().withGenesisBlock(emissionGenesis);
        Deployer.Result result = new Deployer(new ManifestStore(dir), EthereumSession.reverts(), line -> {})
                .deploy("test", ethereum, basedai, ADMIN, DeployOptions.forDevnet().withMaxBrains(maxBrains).withBasedAi(options)
                        .withBridge(BridgeOptions.devnet().keepingAdminFeed()));
        manifest = result.manifest();
        session = BasedSession.open(manifest);
        ethereumSession = EthereumSession.open(manifest);
    }

    /** A chain whose emission genesis is its deployment block: year one. */
    public static BasedChainFixture yearOne() throws Exception {
        return new BasedChainFixture(0, -1);
    }

    /** Year one with at most {@code maxBrains} active Brains (the reserved ones count). */
    public static BasedChainFixture yearOneWithBrainCap(int maxBrains) throws Exception {
        return new BasedChainFixture(0, -1, maxBrains);
    }

    /** A chain at block 4,000,000 with emission genesis 0: past year one. */
    public static BasedChainFixture pastYearOne() throws Exception {
        return new BasedChainFixture(4_000_000, 0);
    }

    /**
     * A chain half-way through year three: anvil's first block is 7,884,000 (2.5 years of 3,153,600 blocks) and the
     * emission genesis is block 0, so year-three rules (the TFT's share of incentive) apply without mining 6.3M blocks.
     */
    public static BasedChainFixture yearThree() throws Exception {
        return new BasedChainFixture(7_884_000, 0);
    }

    public static BigInteger based(long whole) {
        return BASED.multiply(BigInteger.valueOf(whole));
    }

    /** A fresh Ethereum wallet (random key) given gas and {@code pepe} by the devnet faucet. */
    public Credentials freshEthereumWallet(BigInteger pepe) throws Exception {
        Credentials who = Credentials.create(Keys.createEcKeyPair());
        new DevnetFaucet(ethereumSession).fund(who.getAddress(), DevnetFaucet.DEFAULT_ETH, pepe, line -> {});
        return who;
    }

    public void fund(Credentials who, BigInteger amount) throws Exception {
        session.token(session.signer(FAUCET)).transfer(who.getAddress(), amount).send();
        var tx = session.signer(who);
        session.token(tx).approve(session.address("StakeManager"), amount).send();
        session.token(tx).approve(session.address("BrainRegistry"), amount).send();
    }

    /** Mirrors a Brain from Ethereum as the bridge will (method 1 = burn, 2 = stake). */
    public void sync(long brainId, Credentials owner, int method, long acquiredAt) throws Exception {
        session.registry(session.signer(ADMIN)).syncBrain(BigInteger.valueOf(brainId), owner.getAddress(),
                BigInteger.valueOf(method), BigInteger.valueOf(acquiredAt), true).send();
    }

    public void mine(long blocks) {
        DevnetClock.mine(basedai, blocks);
    }

    /** Mines until epoch {@code epoch} has closed. */
    public void closeEpoch(long epoch) throws Exception {
        DevnetEpochs.close(session, epoch);
    }

    public static DecodedRevert reverts(String error, ThrowingCallable action) {
        return Reverts.expect(error, action);
    }

    @Override
    public void close() {
        ethereumSession.close();
        session.close();
        ethereum.close();
        basedai.close();
    }
}
