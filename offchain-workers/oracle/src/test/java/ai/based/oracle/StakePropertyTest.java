package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.ContractRevertException;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.web3j.crypto.Credentials;

/**
 * Random stake, unstake and memorize sequences over a few Brains. After every step: no BASED appears or vanishes
 * (stake manager balance == total stake == sum of all stakes; wallets + stake manager + Brain owners constant),
 * slots never exceed their limits, and counted stake never exceeds 0.5% of the network's stake.
 */
@Tag("devnet")
class StakePropertyTest {
    private static final List<Long> BRAINS = List.of(30L, 31L, 32L);
    private static final List<Credentials> ACTORS = List.of(DevAccounts.account(2), DevAccounts.account(3), DevAccounts.account(4));
    private static final Credentials OWNER = DevAccounts.account(9);
    private static BasedChainFixture chain;

    enum Kind { STAKE, UNSTAKE, MEMORIZE_MINER, MEMORIZE_VALIDATOR, STAKE_ON_VALIDATOR }

    record Step(Kind kind, int actor, int brain, int amount) {}

    @BeforeContainer
    static void start() throws Exception {
        chain = BasedChainFixture.yearOne();
        for (long brain : BRAINS) chain.sync(brain, OWNER, 1, 0);
        for (Credentials actor : ACTORS) chain.fund(actor, based(100_000));
    }

    @AfterContainer
    static void stop() {
        chain.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 500))
                .as(Step::new).list().ofMinSize(4).ofMaxSize(15);
    }

    @Property(tries = 15)
    void basedIsConservedAndLimitsHold(@ForAll("steps") List<Step> steps) throws Exception {
        BigInteger before = accountedBased();
        for (Step step : steps) {
            apply(step);
            check(before);
        }
    }

    private void apply(Step step) throws Exception {
        Credentials actor = ACTORS.get(step.actor());
        BigInteger brain = BigInteger.valueOf(BRAINS.get(step.brain()));
        BigInteger amount = based(step.amount());
        var stakes = chain.session.stakes(chain.session.signer(actor));
        var registry = chain.session.registry(chain.session.signer(actor));
        try {
            switch (step.kind()) {
                case STAKE -> stakes.stake(brain, OracleTestSupport.NO_VALIDATOR, amount).send();
                case STAKE_ON_VALIDATOR -> stakes.stake(brain, ACTORS.get((step.actor() + 1) % 3).getAddress(), amount).send();
                case UNSTAKE -> {
                    BigInteger staked = chain.session.stakes(chain.session.reader()).stakeOf(actor.getAddress(), brain, OracleTestSupport.NO_VALIDATOR).send();
                    if (staked.signum() > 0) stakes.unstake(brain, OracleTestSupport.NO_VALIDATOR, staked.min(amount)).send();
                }
                case MEMORIZE_MINER -> memorize(registry, brain, BigInteger.ZERO, actor);
                case MEMORIZE_VALIDATOR -> memorize(registry, brain, BigInteger.ONE, actor);
            }
        } catch (ContractRevertException expected) {
            assertThat(expected.revert().error()).isEqualTo("StakeNotValidator");
            assertThat(step.kind()).isEqualTo(Kind.STAKE_ON_VALIDATOR);
        }
    }

    /** Memorizing succeeds exactly when the actor is not yet registered in that role. */
    private static void memorize(ai.based.contracts.BrainRegistry registry, BigInteger brain, BigInteger role, Credentials actor)
            throws Exception {
        boolean already = chain.session.registry(chain.session.reader()).uidOf(brain, role, actor.getAddress()).send().component1();
        try {
            registry.memorize(brain, role, new byte[32]).send();
            assertThat(already).as("a second registration must be refused").isFalse();
        } catch (ContractRevertException refused) {
            assertThat(refused.revert().error()).isEqualTo("RegistryAlreadyRegistered");
            assertThat(already).as("a first registration must succeed").isTrue();
        }
    }

    private void check(BigInteger before) throws Exception {
        var stakes = chain.session.stakes(chain.session.reader());
        BigInteger total = stakes.totalStake().send();
        BigInteger held = chain.session.token(chain.session.reader()).balanceOf(chain.session.address("StakeManager")).send();
        assertThat(held).isEqualTo(total);
        BigInteger sumOfBrains = BigInteger.ZERO;
        for (long brain : BRAINS) {
            BigInteger b = BigInteger.valueOf(brain);
            sumOfBrains = sumOfBrains.add(stakes.brainStake(b).send());
            assertThat(stakes.countedStake(b).send()).isLessThanOrEqualTo(total.multiply(BigInteger.valueOf(50)).divide(BigInteger.valueOf(10_000)));
            for (BigInteger role : List.of(BigInteger.ZERO, BigInteger.ONE)) checkSlots(b, role);
        }
        assertThat(sumOfBrains).isEqualTo(total);
        assertThat(accountedBased()).isEqualTo(before);
    }

    /**
     * Only the actors register on these Brains, so each (Brain, role) holds exactly the actors registered there, each
     * once, at the uid the registry reports for it. (The slot limits themselves, 1,792 and 256, are out of reach of
     * three actors; RegistryAndStakeTest fills a Brain to them.)
     */
    private static void checkSlots(BigInteger brain, BigInteger role) throws Exception {
        var registry = chain.session.registry(chain.session.reader());
        int registered = 0;
        for (Credentials actor : ACTORS) {
            var uid = registry.uidOf(brain, role, actor.getAddress()).send();
            if (!uid.component1()) continue;
            registered++;
            assertThat(registry.node(brain, role, uid.component2()).send().account).isEqualToIgnoringCase(actor.getAddress());
        }
        assertThat(registry.nodeCount(brain, role).send()).isEqualTo(BigInteger.valueOf(registered));
    }

    /** BASED held by the actors, the stake manager and the Brains' owner (who receives registration fees). */
    private static BigInteger accountedBased() throws Exception {
        var token = chain.session.token(chain.session.reader());
        BigInteger sum = token.balanceOf(chain.session.address("StakeManager")).send().add(token.balanceOf(OWNER.getAddress()).send());
        for (Credentials actor : ACTORS) sum = sum.add(token.balanceOf(actor.getAddress()).send());
        return sum;
    }
}
