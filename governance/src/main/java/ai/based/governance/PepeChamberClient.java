package ai.based.governance;

import ai.based.client.InvalidInputException;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.PepeChamber;
import ai.based.contracts.PepeChamberLink;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.TransactionManager;

/**
 * The Pepecoin-holder chamber from the client side. A proposal is announced on the BasedAI chain (a bridge message
 * opens its window on Ethereum); PEPE holders escrow PEPE on Ethereum to vote; after the window anyone sends the
 * tally back over the bridge, where the governor stores it with the proposal, and voters withdraw their escrow.
 */
public final class PepeChamberClient {
    /** A window as the Ethereum chamber holds it; {@code closesAt} is zero until the announcement is relayed. */
    public record Window(Instant closesAt, boolean tallySent, BigInteger against, BigInteger support, BigInteger abstain) {
        public boolean opened() {
            return closesAt.getEpochSecond() != 0;
        }
    }

    /** The tally stored beside the proposal on the BasedAI chain. */
    public record StoredTally(boolean recorded, BigInteger against, BigInteger support, BigInteger abstain) {}

    private final EthereumSession ethereum;
    private final BasedSession basedai;

    public PepeChamberClient(EthereumSession ethereum, BasedSession basedai) {
        this.ethereum = ethereum;
        this.basedai = basedai;
    }

    /** Sends the proposal's window to Ethereum; returns the bridge message hash. */
    public byte[] announce(Credentials caller, BigInteger proposalId) throws Exception {
        var receipt = link(basedai.signer(caller)).announce(proposalId).send();
        return PepeChamberLink.getVoteAnnouncedEvents(receipt).getFirst().messageHash;
    }

    public boolean announced(BigInteger proposalId) throws Exception {
        return link(basedai.reader()).announced(proposalId).send();
    }

    /**
     * Escrows {@code amount} PEPE (base units) on one side of the proposal. What the chamber would refuse is checked
     * first, because the approval is a transaction of its own: a refused vote must not leave an allowance behind.
     */
    public void vote(Credentials voter, BigInteger proposalId, GovernanceClient.Support support, BigInteger amount) throws Exception {
        String refused = "cannot vote in the Pepecoin chamber: ";
        if (amount.signum() <= 0) throw new InvalidInputException(refused + "the escrow must be more than 0 PEPE");
        Window window = window(proposalId);
        long now = ethereum.node().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getTimestamp().longValueExact();
        if (!window.opened()) {
            throw new IllegalStateException(refused + "proposal " + proposalId + " has no open window on Ethereum yet"
                    + " (announce it, then wait for the relayers)");
        }
        if (now >= window.closesAt().getEpochSecond()) {
            throw new IllegalStateException(refused + "the window of proposal " + proposalId + " closed at " + window.closesAt());
        }
        PepeChamber.Escrow escrow = chamber(ethereum.reader()).escrowOf(proposalId, voter.getAddress()).send();
        if (escrow.amount.signum() > 0 && escrow.support.intValueExact() != support.ordinal()) {
            throw new IllegalStateException(refused + "wallet " + voter.getAddress() + " already escrowed "
                    + Pepe.format(escrow.amount) + " PEPE " + GovernanceClient.Support.values()[escrow.support.intValueExact()]
                    .name().toLowerCase() + " this proposal; a voter stays on one side");
        }
        TxManager tx = ethereum.signer(voter);
        BigInteger held = ethereum.pepe(ethereum.reader()).balanceOf(voter.getAddress()).send();
        if (held.compareTo(amount) < 0) {
            throw new IllegalStateException(refused + "wallet " + voter.getAddress() + " holds "
                    + Pepe.format(held) + " PEPE, the vote escrows " + Pepe.format(amount) + " PEPE");
        }
        PepeChamber chamber = chamber(tx);
        ethereum.pepe(tx).approve(chamber.getContractAddress(), amount).send();
        chamber.vote(proposalId, BigInteger.valueOf(support.ordinal()), amount).send();
    }

    /** Sends a closed window's tally to the BasedAI chain; returns the bridge message hash. */
    public byte[] sendTally(Credentials caller, BigInteger proposalId) throws Exception {
        var receipt = chamber(ethereum.signer(caller)).sendTally(proposalId).send();
        return PepeChamber.getTallySentEvents(receipt).getFirst().messageHash;
    }

    /** Returns the caller's escrow after the window; returns the amount withdrawn. */
    public BigInteger withdraw(Credentials voter, BigInteger proposalId) throws Exception {
        var receipt = chamber(ethereum.signer(voter)).withdraw(proposalId).send();
        return PepeChamber.getEscrowWithdrawnEvents(receipt).getFirst().amount;
    }

    public Window window(BigInteger proposalId) throws Exception {
        PepeChamber.Window w = chamber(ethereum.reader()).window(proposalId).send();
        return new Window(Instant.ofEpochSecond(w.closesAt.longValueExact()), w.tallySent, w.againstPepe, w.forPepe, w.abstainPepe);
    }

    public StoredTally storedTally(BigInteger proposalId) throws Exception {
        var t = basedai.governor(basedai.reader()).pepeTally(proposalId).send();
        return new StoredTally(t.recorded, t.againstPepe, t.forPepe, t.abstainPepe);
    }

    private PepeChamber chamber(TransactionManager tx) {
        return PepeChamber.load(ethereum.address(BridgeContracts.PEPE_CHAMBER), ethereum.node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    private PepeChamberLink link(TransactionManager tx) {
        return PepeChamberLink.load(basedai.address(BridgeContracts.PEPE_CHAMBER_LINK), basedai.node().web3j(), tx, TxManager.WRAPPER_GAS);
    }
}
