package ai.based.deployment;

import ai.based.client.manifest.Manifest;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.manifest.DeploymentException;

import ai.based.chain.ChainNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.DecodedRevert;
import ai.based.chain.tx.Reverts;
import ai.based.chain.tx.RevertDecoder;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A fresh Ethereum-side deployment with helpers to act as any dev account. */
final class PortalFixture {
    static final RevertDecoder REVERTS = RevertDecoder.fromClasspath();
    static final BigInteger ONE_PEPE = BigInteger.TEN.pow(18);

    final ChainNode ethereum;
    final Manifest manifest;
    final Credentials admin = DevAccounts.account(0);
    private final Map<String, TxManager> signers = new HashMap<>();

    private PortalFixture(ChainNode ethereum, Manifest manifest) {
        this.ethereum = ethereum;
        this.manifest = manifest;
    }

    /** Deploys the Ethereum side only: these tests never touch the BasedAI chain. */
    static PortalFixture deploy(TwoChains chains, Path manifestDir, int maxBrains) {
        try {
            TxManager admin = new TxManager(chains.ethereum, DevAccounts.account(0), REVERTS);
            ChainDeployment eth = new EthereumDeployer(line -> {})
                    .deploy(chains.ethereum, admin, DeployOptions.forDevnet().withMaxBrains(maxBrains));
            Manifest manifest = new Manifest(eth, new ChainDeployment(chains.basedai.chainId(), chains.basedai.rpcUrl(), Map.of(), 0));
            new ManifestStore(manifestDir).write("test", manifest);
            return new PortalFixture(chains.ethereum, manifest);
        } catch (Exception e) {
            throw new DeploymentException("cannot deploy the portal: " + e.getMessage(), e);
        }
    }

    static BigInteger pepe(long whole) {
        return BigInteger.valueOf(whole).multiply(ONE_PEPE);
    }

    TxManager as(Credentials who) {
        return signers.computeIfAbsent(who.getAddress(), a -> new TxManager(ethereum, who, REVERTS));
    }

    BrainPortal portal(Credentials who) {
        return BrainPortal.load(address(EthereumContracts.BRAIN_PORTAL), ethereum.web3j(), as(who), TxManager.WRAPPER_GAS);
    }

    BrainNFT brains(Credentials who) {
        return BrainNFT.load(address(EthereumContracts.BRAIN_NFT), ethereum.web3j(), as(who), TxManager.WRAPPER_GAS);
    }

    PepeCoin pepe(Credentials who) {
        return PepeCoin.load(address(EthereumContracts.PEPE_COIN), ethereum.web3j(), as(who), TxManager.WRAPPER_GAS);
    }

    String address(String contract) {
        return manifest.ethereum().require(contract);
    }

    void mint(Credentials to, BigInteger amount) throws Exception {
        pepe(admin).faucet(to.getAddress(), amount).send();
    }

    BigInteger pepeBalance(String address) throws Exception {
        return pepe(admin).balanceOf(address).send();
    }

    /** Approves exactly the burn price and acquires; returns the receipt. */
    TransactionReceipt burn(Credentials who) throws Exception {
        BigInteger price = portal(who).burnPrice().send();
        pepe(who).approve(address(EthereumContracts.BRAIN_PORTAL), price).send();
        return portal(who).acquireByBurn().send();
    }

    TransactionReceipt stake(Credentials who) throws Exception {
        pepe(who).approve(address(EthereumContracts.BRAIN_PORTAL), portal(who).STAKE_AMOUNT().send()).send();
        return portal(who).acquireByStake().send();
    }

    static long brainId(TransactionReceipt receipt) {
        return BrainPortal.getBrainAcquiredEvents(receipt).getFirst().brainId.longValueExact();
    }

    static DecodedRevert reverts(String error, ThrowingCallable action) {
        return Reverts.expect(error, action);
    }
}
