package ai.based.bridge;

import org.junit.jupiter.api.Tag;

import static ai.based.bridge.BridgeFixture.based;
import static ai.based.bridge.BridgeFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.PepeChamber;
import ai.based.contracts.PepeChamberLink;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.manifest.BridgeContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** The Pepecoin chamber: a proposal's window crosses to Ethereum, PEPE escrow votes, the tally comes back to the governor. */
@Tag("devnet")
class PepeChamberTest {
    private final Credentials alice = DevAccounts.account(2);
    private final Credentials bob = DevAccounts.account(3);
    private final Credentials outsider = DevAccounts.account(4);
    private BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(based(1_000));
        for (Credentials who : List.of(alice, bob)) f.ethereum.pepe(f.ethereum.signer(who)).faucet(who.getAddress(), based(1_000)).send();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private PepeChamber chamber(Credentials who) {
        return PepeChamber.load(f.ethereum.address(BridgeContracts.PEPE_CHAMBER), f.ethereum.node().web3j(), f.ethereum.signer(who),
                TxManager.WRAPPER_GAS);
    }

    private PepeChamberLink link(Credentials who) {
        return PepeChamberLink.load(f.basedai.address(BridgeContracts.PEPE_CHAMBER_LINK), f.basedai.node().web3j(), f.basedai.signer(who),
                TxManager.WRAPPER_GAS);
    }

    private GigaBrainGovernor governor(Credentials who) {
        return f.basedai.governor(f.basedai.signer(who));
    }

    private BigInteger propose() throws Exception {
        String token = f.basedai.address(BasedAiContracts.BASED_TOKEN);
        byte[] call = Numeric.hexStringToByteArray(f.basedai.token(f.basedai.reader()).totalSupply().encodeFunctionCall());
        var receipt = governor(f.gigaBrainOwner()).propose(List.of(token), List.of(BigInteger.ZERO), List.of(call), "chamber test").send();
        return GigaBrainGovernor.getProposalCreatedEvents(receipt).getFirst().proposalId;
    }

    private void vote(Credentials who, BigInteger proposal, int support, BigInteger amount) throws Exception {
        f.ethereum.pepe(f.ethereum.signer(who)).approve(f.ethereum.address(BridgeContracts.PEPE_CHAMBER), amount).send();
        chamber(who).vote(proposal, BigInteger.valueOf(support), amount).send();
    }

    private void relay() throws Exception {
        f.toEthereum(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
        f.toBasedAi(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
    }

    @Test
    void escrowVotesCrossTheBridgeAndAreStoredWithTheProposal() throws Exception {
        BigInteger proposal = propose();
        reverts("ChamberNotOpen", () -> vote(alice, proposal, 1, based(1)));
        link(outsider).announce(proposal).send();
        reverts("ChamberLinkAlreadyAnnounced", () -> link(outsider).announce(proposal).send());
        relay();

        vote(alice, proposal, 1, based(100));
        vote(alice, proposal, 1, based(20));
        vote(bob, proposal, 0, based(40));
        reverts("ChamberOtherSide", () -> vote(bob, proposal, 1, based(1)));
        reverts("ChamberInvalidSupport", () -> chamber(bob).vote(proposal, BigInteger.valueOf(3), based(1)).send());
        reverts("ChamberStillOpen", () -> chamber(alice).withdraw(proposal).send());
        reverts("ChamberStillOpen", () -> chamber(alice).sendTally(proposal).send());
        assertThat(f.ethereum.pepe(f.ethereum.reader()).balanceOf(alice.getAddress()).send()).isEqualTo(based(880));

        long closesAt = chamber(outsider).window(proposal).send().closesAt.longValueExact();
        DevnetClock.advance(f.ethereum.node(), Duration.ofSeconds(closesAt - System.currentTimeMillis() / 1000 + 60));
        reverts("ChamberNotOpen", () -> vote(bob, proposal, 0, based(1)));

        chamber(outsider).sendTally(proposal).send();
        reverts("ChamberTallyAlreadySent", () -> chamber(outsider).sendTally(proposal).send());
        relay();
        var stored = governor(outsider).pepeTally(proposal).send();
        assertThat(stored.recorded).isTrue();
        assertThat(List.of(stored.againstPepe, stored.forPepe, stored.abstainPepe)).containsExactly(based(40), based(120), BigInteger.ZERO);

        chamber(alice).withdraw(proposal).send();
        chamber(bob).withdraw(proposal).send();
        reverts("ChamberNothingEscrowed", () -> chamber(alice).withdraw(proposal).send());
        assertThat(f.ethereum.pepe(f.ethereum.reader()).balanceOf(alice.getAddress()).send()).isEqualTo(based(1_000));
        assertThat(f.ethereum.pepe(f.ethereum.reader()).balanceOf(bob.getAddress()).send()).isEqualTo(based(1_000));
    }

    @Test
    void outsidersCannotOpenWindowsOrWriteTallies() throws Exception {
        BigInteger proposal = propose();
        reverts("EndpointOnlyRemote", () -> chamber(outsider).openVote(proposal, BigInteger.valueOf(4_000_000_000L)).send());
        reverts("EndpointOnlyRemote", () -> link(outsider).recordTally(proposal, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE).send());
        reverts("GovernorNotPepeTallyWriter", () -> governor(outsider).recordPepeTally(proposal, BigInteger.ONE, BigInteger.ONE,
                BigInteger.ONE).send());
        reverts("GovernorPepeTallyWriterAlreadySet", () -> governor(BridgeFixture.ADMIN).setPepeTallyWriter(outsider.getAddress()).send());
        reverts("EndpointRemoteAlreadySet", () -> chamber(BridgeFixture.ADMIN).setRemote(outsider.getAddress()).send());
        reverts("EndpointRemoteAlreadySet", () -> link(BridgeFixture.ADMIN).setRemote(outsider.getAddress()).send());
        reverts("GovernorNonexistentProposal", () -> link(outsider).announce(BigInteger.valueOf(12345)).send());
    }
}
