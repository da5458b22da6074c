package ai.based.deployment;

import net.jqwik.api.Tag;

import ai.based.client.manifest.EthereumContracts;

import static ai.based.deployment.PortalFixture.pepe;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import ai.based.chain.tx.ContractRevertException;
import ai.based.contracts.BrainPortal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.web3j.crypto.Credentials;

/**
 * Random sequences of acquire, transfer, time travel and deactivate against a small cap. After every step:
 * activeBrains never exceeds MAX_BRAINS and matches the Brains that exist; no PEPE appears or vanishes
 * (supply = holders + dead address + portal); the portal holds exactly the stakes of live staked Brains.
 */
@Tag("devnet")
class BrainPortalPropertyTest {
    private static final int CAP = 12;
    private static final String DEAD = "0x000000000000000000000000000000000000dEaD";
    private static final List<Credentials> ACTORS = List.of(DevAccounts.account(2), DevAccounts.account(3), DevAccounts.account(4));
    private static TwoChains chains;

    enum Kind { BURN, STAKE, TRANSFER, ADVANCE_DAYS, DEACTIVATE }

    record Step(Kind kind, int actor, int target, int days) {}

    @BeforeContainer
    static void start() {
        chains = new TwoChains();
    }

    @AfterContainer
    static void stop() {
        chains.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 120))
                .as(Step::new);
        return step.list().ofMinSize(3).ofMaxSize(14);
    }

    @Property(tries = 25)
    void invariantsHoldForAnySequence(@ForAll("steps") List<Step> steps) throws Exception {
        PortalFixture f = PortalFixture.deploy(chains, Files.createTempDirectory("prop"), CAP);
        for (Credentials actor : ACTORS) {
            f.mint(actor, pepe(400_000));
            f.pepe(actor).approve(f.address(EthereumContracts.BRAIN_PORTAL), pepe(400_000)).send();
        }
        Map<Long, Credentials> owners = new HashMap<>();
        Map<Long, Boolean> staked = new HashMap<>();
        for (Step step : steps) {
            apply(f, step, owners, staked);
            checkInvariants(f, owners, staked);
        }
    }

    private static void apply(PortalFixture f, Step step, Map<Long, Credentials> owners, Map<Long, Boolean> staked)
            throws Exception {
        Credentials actor = ACTORS.get(step.actor());
        BrainPortal portal = f.portal(actor);
        List<Long> mine = new ArrayList<>(owners.entrySet().stream()
                .filter(e -> e.getValue().getAddress().equals(actor.getAddress())).map(Map.Entry::getKey).sorted().toList());
        try {
            switch (step.kind()) {
                case BURN, STAKE -> {
                    boolean stake = step.kind() == Kind.STAKE;
                    long id = PortalFixture.brainId(stake ? portal.acquireByStake().send() : portal.acquireByBurn().send());
                    owners.put(id, actor);
                    staked.put(id, stake);
                }
                case TRANSFER -> {
                    if (mine.isEmpty()) return;
                    long id = mine.getFirst();
                    Credentials to = ACTORS.get(step.target());
                    f.brains(actor).transferFrom(actor.getAddress(), to.getAddress(), BigInteger.valueOf(id)).send();
                    assertThat(staked.get(id)).as("a staked Brain moved").isFalse();
                    owners.put(id, to);
                }
                case ADVANCE_DAYS -> DevnetClock.advance(f.ethereum, Duration.ofDays(step.days()));
                case DEACTIVATE -> {
                    if (mine.isEmpty()) return;
                    long id = mine.getLast();
                    portal.deactivate(BigInteger.valueOf(id)).send();
                    assertThat(staked.get(id)).as("a burned Brain was deactivated").isTrue();
                    owners.remove(id);
                    staked.remove(id);
                }
            }
        } catch (ContractRevertException expected) {
            assertThat(expected.revert().error()).isIn(Set.of("PortalCapReached", "PortalStakeLocked",
                    "PortalBrainNotStaked", "BrainNonTransferable", "PortalInsufficientPepe", "PortalInsufficientAllowance"));
        }
    }

    private static void checkInvariants(PortalFixture f, Map<Long, Credentials> owners, Map<Long, Boolean> staked)
            throws Exception {
        BrainPortal portal = f.portal(f.admin);
        BigInteger active = portal.activeBrains().send();
        assertThat(active.intValue()).isLessThanOrEqualTo(CAP).isEqualTo(8 + owners.size());
        for (Map.Entry<Long, Credentials> brain : owners.entrySet()) {
            assertThat(f.brains(f.admin).ownerOf(BigInteger.valueOf(brain.getKey())).send())
                    .isEqualToIgnoringCase(brain.getValue().getAddress());
        }
        long liveStakes = staked.values().stream().filter(s -> s).count();
        BigInteger held = f.pepeBalance(f.address(EthereumContracts.BRAIN_PORTAL));
        assertThat(held).isEqualTo(portal.STAKE_AMOUNT().send().multiply(BigInteger.valueOf(liveStakes)));
        BigInteger accounted = held.add(f.pepeBalance(DEAD));
        for (Credentials actor : ACTORS) accounted = accounted.add(f.pepeBalance(actor.getAddress()));
        assertThat(accounted).isEqualTo(f.pepe(f.admin).totalSupply().send());
    }
}
