package ai.based.client.brains;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;

/**
 * Brain acquisition and management on Ethereum, the library path under {@code based brains}. Each
 * operation checks what it can before signing, so a short wallet hears how much it lacks, and the portal's
 * custom errors are translated for whatever the chain still refuses.
 */
public final class BrainClient {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final EthereumSession session;

    public BrainClient(EthereumSession session) {
        this.session = session;
    }

    /** Burn price, or the stake amount, in PEPE base units. */
    public BigInteger price(AcquisitionMethod method) throws Exception {
        BrainPortal portal = session.portal(session.reader());
        return method == AcquisitionMethod.STAKE ? portal.STAKE_AMOUNT().send() : portal.burnPrice().send();
    }

    public Acquired acquire(Credentials wallet, AcquisitionMethod method, Consumer<String> progress) throws Exception {
        if (method == AcquisitionMethod.RESERVED) {
            throw new BrainException(BrainException.Reason.INVALID_INPUT, "reserved Brains are minted at deploy only");
        }
        TxManager tx = session.signer(wallet);
        PepeCoin pepe = session.pepe(tx);
        BrainPortal portal = session.portal(tx);
        String what = method == AcquisitionMethod.BURN ? "the burn price" : "the stake";
        BigInteger price = price(method);
        requireGas(wallet.getAddress(), "acquire Brain");
        BigInteger balance = pepe.balanceOf(wallet.getAddress()).send();
        if (balance.compareTo(price) < 0) {
            throw new BrainException(BrainException.Reason.INSUFFICIENT_FUNDS, "cannot acquire Brain: wallet "
                    + wallet.getAddress() + " holds " + Pepe.format(balance) + " PEPE, " + what + " is "
                    + Pepe.format(price) + " PEPE");
        }
        BigInteger active = portal.activeBrains().send();
        BigInteger cap = portal.MAX_BRAINS().send();
        if (active.compareTo(cap) >= 0) {
            throw new BrainException(BrainException.Reason.CAP_REACHED,
                    "cannot acquire Brain: all " + cap + " Brains are active; one must be deactivated first");
        }
        progress.accept(what + " is " + Pepe.format(price) + " PEPE; approving exactly that to the portal");
        try {
            if (pepe.allowance(wallet.getAddress(), portal.getContractAddress()).send().compareTo(price) != 0) {
                pepe.approve(portal.getContractAddress(), price).send();
            }
            progress.accept("acquiring by " + method.label());
            TransactionReceipt receipt = method == AcquisitionMethod.BURN
                    ? portal.acquireByBurn().send()
                    : portal.acquireByStake().send();
            BrainPortal.BrainAcquiredEventResponse event = BrainPortal.getBrainAcquiredEvents(receipt).getFirst();
            return new Acquired(event.brainId.longValueExact(), method, event.pepeAmount, receipt.getGasUsed(),
                    receipt.getTransactionHash());
        } catch (ContractRevertException e) {
            throw PortalErrors.explain("acquire Brain", e);
        }
    }

    public BrainInfo show(long brainId) throws Exception {
        BrainNFT brains = session.brains(session.reader());
        BrainPortal portal = session.portal(session.reader());
        BigInteger id = BigInteger.valueOf(brainId);
        try {
            String owner = brains.ownerOf(id).send();
            Tuple2<BigInteger, BigInteger> acquisition = brains.acquisitionOf(id).send();
            Tuple2<BigInteger, BigInteger> stake = portal.stakeOf(id).send();
            String linked = portal.basedWalletOf(id).send();
            boolean staked = stake.component1().signum() > 0;
            return new BrainInfo(brainId, Keys.toChecksumAddress(owner), AcquisitionMethod.of(acquisition.component1()),
                    Instant.ofEpochSecond(acquisition.component2().longValueExact()),
                    staked ? Optional.of(stake.component1()) : Optional.empty(),
                    staked ? Optional.of(Instant.ofEpochSecond(stake.component2().longValueExact())) : Optional.empty(),
                    ZERO_ADDRESS.equals(linked) ? Optional.empty() : Optional.of(linked));
        } catch (ContractRevertException e) {
            throw PortalErrors.explain("show Brain #" + brainId, e);
        }
    }

    /** Every live Brain (optionally of one owner), from the token's Transfer history. */
    public List<BrainEntry> list(Optional<String> owner) throws Exception {
        return new BrainOwnership(session).current(owner);
    }

    public TransactionReceipt deactivate(Credentials wallet, long brainId) throws Exception {
        requireGas(wallet.getAddress(), "deactivate Brain #" + brainId);
        try {
            return session.portal(session.signer(wallet)).deactivate(BigInteger.valueOf(brainId)).send();
        } catch (ContractRevertException e) {
            throw PortalErrors.explain("deactivate Brain #" + brainId, e);
        }
    }

    public TransactionReceipt link(Credentials wallet, long brainId, String basedWallet) throws Exception {
        if (!WalletUtils.isValidAddress(basedWallet)) {
            throw new BrainException(BrainException.Reason.INVALID_INPUT,
                    "cannot link Brain #" + brainId + ": '" + basedWallet + "' is not an address");
        }
        requireGas(wallet.getAddress(), "link Brain #" + brainId);
        try {
            return session.portal(session.signer(wallet)).linkBasedWallet(BigInteger.valueOf(brainId), basedWallet).send();
        } catch (ContractRevertException e) {
            throw PortalErrors.explain("link Brain #" + brainId, e);
        }
    }

    private void requireGas(String address, String action) throws Exception {
        BigInteger wei = session.node().web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        if (wei.signum() == 0) {
            throw new BrainException(BrainException.Reason.INSUFFICIENT_FUNDS, "cannot " + action + ": wallet "
                    + address + " holds no ETH for gas" + (session.isDevnet() ? " (try 'based wallet faucet')" : ""));
        }
    }
}
