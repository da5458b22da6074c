package ai.based.governance;

import ai.based.client.InvalidInputException;
import static ai.based.bridge.BridgeFixture.based;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.bridge.BridgeFixture;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.Reverts;
import ai.based.client.manifest.BridgeContracts;
import ai.based.governance.GovernanceClient.Support;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * PepeChamberClient across both devnets and the real bridge with a local relayer quorum: announce, escrow votes, the
 * tally stored beside the proposal, withdrawals; a short wallet is told so and nothing is escrowed.
 */
@Tag("devnet")
class PepeChamberClientTest {
    private final Credentials alice = DevAccounts.account(2);
    private final Credentials bob = DevAccounts.account(3);
    private final Credentials outsider = DevAccounts.account(4);
    private BridgeFixture f;
    private PepeChamberClient chamber;
    private BigInteger proposal;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(based(1_000));
        chamber = new PepeChamberClient(f.ethereum, f.basedai);
        for (Credentials who : List.of(alice, bob)) f.ethereum.pepe(f.ethereum.signer(who)).faucet(who.getAddress(), based(1_000)).send();
        proposal = new GovernanceClient(f.basedai).propose(f.gigaBrainOwner(), List.of(ProposalAction.parse("bonus-pool=1500")),
                "chamber client test");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private void relay() throws Exception {
        f.toEthereum(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
        f.toBasedAi(BridgeFixture.RELAYERS.subList(0, 2)).relayPending(line -> {});
    }

    private BigInteger pepeOf(Credentials who) throws Exception {
        return f.ethereum.pepe(f.ethereum.reader()).balanceOf(who.getAddress()).send();
    }

    private BigInteger allowanceOf(Credentials who) throws Exception {
        return f.ethereum.pepe(f.ethereum.reader()).allowance(who.getAddress(), f.ethereum.address(BridgeContracts.PEPE_CHAMBER)).send();
    }

    @Test
    void escrowVotesCrossTheBridgeAndComeBackAsTheStoredTally() throws Exception {
        assertThat(chamber.announced(proposal)).isFalse();
        byte[] announcement = chamber.announce(outsider, proposal);
        assertThat(announcement).hasSize(32);
        assertThat(chamber.announced(proposal)).isTrue();
        assertThat(chamber.window(proposal).opened()).as("not relayed yet").isFalse();
        relay();
        PepeChamberClient.Window open = chamber.window(proposal);
        assertThat(open.opened()).isTrue();
        assertThat(open.closesAt()).isAfter(Instant.now());

        chamber.vote(alice, proposal, Support.FOR, based(120));
        chamber.vote(bob, proposal, Support.AGAINST, based(40));
        assertThat(pepeOf(alice)).isEqualTo(based(880));
        assertThat(chamber.window(proposal)).extracting(PepeChamberClient.Window::against, PepeChamberClient.Window::support,
                PepeChamberClient.Window::abstain).containsExactly(based(40), based(120), BigInteger.ZERO);

        DevnetClock.advance(f.ethereum.node(), Duration.between(Instant.now(), open.closesAt()).plusMinutes(1));
        chamber.sendTally(outsider, proposal);
        assertThat(chamber.window(proposal).tallySent()).isTrue();
        assertThat(chamber.storedTally(proposal).recorded()).as("not relayed yet").isFalse();
        relay();
        assertThat(chamber.storedTally(proposal))
                .isEqualTo(new PepeChamberClient.StoredTally(true, based(40), based(120), BigInteger.ZERO));

        assertThat(chamber.withdraw(alice, proposal)).isEqualTo(based(120));
        assertThat(chamber.withdraw(bob, proposal)).isEqualTo(based(40));
        assertThat(pepeOf(alice)).isEqualTo(based(1_000));
        Reverts.expect("ChamberNothingEscrowed", () -> chamber.withdraw(alice, proposal));
        assertThat(pepeOf(alice)).isEqualTo(based(1_000));
    }

    @Test
    void aWalletShortOfPepeIsToldWhatItHoldsAndNothingIsEscrowedOrApproved() throws Exception {
        chamber.announce(outsider, proposal);
        relay();

        assertThatThrownBy(() -> chamber.vote(alice, proposal, Support.FOR, based(1_001)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot vote in the Pepecoin chamber: wallet " + alice.getAddress() + " holds 1,000 PEPE, the vote escrows 1,001 PEPE");

        assertThat(pepeOf(alice)).isEqualTo(based(1_000));
        assertThat(allowanceOf(alice)).isZero();
        assertThat(chamber.window(proposal).support()).isZero();
    }

    @Test
    void votesOutsideTheWindowOrOnTheOtherSideAreRefusedAndLeaveNoAllowance() throws Exception {
        assertThatThrownBy(() -> chamber.vote(alice, proposal, Support.FOR, based(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no open window on Ethereum yet");
        Reverts.expect("ChamberLinkAlreadyAnnounced", () -> {
            chamber.announce(outsider, proposal);
            chamber.announce(outsider, proposal);
        });
        relay();
        chamber.vote(alice, proposal, Support.FOR, based(10));
        assertThatThrownBy(() -> chamber.vote(alice, proposal, Support.AGAINST, based(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already escrowed 10 PEPE for this proposal");
        assertThatThrownBy(() -> chamber.vote(bob, proposal, Support.AGAINST, BigInteger.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 0 PEPE");
        PepeChamberClient.Window open = chamber.window(proposal);
        DevnetClock.advance(f.ethereum.node(), Duration.between(Instant.now(), open.closesAt()).plusMinutes(1));
        assertThatThrownBy(() -> chamber.vote(bob, proposal, Support.AGAINST, based(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed at " + open.closesAt());

        assertThat(pepeOf(alice)).isEqualTo(based(990));
        assertThat(pepeOf(bob)).isEqualTo(based(1_000));
        assertThat(allowanceOf(alice)).isZero();
        assertThat(allowanceOf(bob)).isZero();
        assertThat(chamber.window(proposal)).extracting(PepeChamberClient.Window::against, PepeChamberClient.Window::support)
                .containsExactly(BigInteger.ZERO, based(10));
    }
}
