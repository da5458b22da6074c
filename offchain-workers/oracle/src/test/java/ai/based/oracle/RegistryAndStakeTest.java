package ai.based.oracle;

import static ai.based.deployment.BasedChainFixture.based;
import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Convert;

/** BrainRegistry and StakeManager on a real anvil. Each test works on its own Brain number. */
@Tag("devnet")
class RegistryAndStakeTest {
    private static final BigInteger MINER = BigInteger.ZERO;
    private static final BigInteger VALIDATOR = BigInteger.ONE;
    private static final byte[] KEY = new byte[32];
    private static BasedChainFixture chain;
    private final Credentials owner = DevAccounts.account(2);
    private final Credentials node = DevAccounts.account(3);
    private final Credentials outsider = DevAccounts.account(4);

    @BeforeAll
    static void start() throws Exception {
        chain = BasedChainFixture.yearOne();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void ownerConfiguresTheBrainAndOutsidersCannot() throws Exception {
        chain.sync(10, owner, 1, 0);
        var registry = chain.session.registry(chain.session.signer(owner));
        registry.configure(BigInteger.TEN, "Tiny GPT", "poly-gpt-tiny", "https://example.org/model", owner.getAddress(),
                BigInteger.valueOf(6_000), BigInteger.valueOf(1_000)).send();
        var config = registry.config(BigInteger.TEN).send();
        assertThat(config.name).isEqualTo("Tiny GPT");
        assertThat(config.minerShareBps).isEqualTo(6_000);
        reverts("RegistryNotBrainOwner", () -> chain.session.registry(chain.session.signer(outsider)).configure(BigInteger.TEN,
                "x", "x", "x", outsider.getAddress(), BigInteger.ZERO, BigInteger.ZERO).send());
        reverts("RegistryInvalidShare", () -> registry.configure(BigInteger.TEN, "x", "x", "x", owner.getAddress(),
                BigInteger.valueOf(10_001), BigInteger.ZERO).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.registry(chain.session.signer(outsider))
                .syncBrain(BigInteger.TEN, outsider.getAddress(), BigInteger.ONE, BigInteger.ZERO, true).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.registry(chain.session.signer(BasedChainFixture.ADMIN))
                .setRegistrationFeeBounds(BigInteger.ZERO, BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.registry(chain.session.signer(outsider)).pause().send());
        assertThat(registry.reservedRole(BigInteger.ZERO).send()).isEqualTo("emission");
        assertThat(registry.reservedRole(BigInteger.TWO).send()).isEqualTo("TFT Enforcer");
    }

    @Test
    void memorizePaysTheFeeToTheOwnerAndFeeChangesSpareRegisteredNodes() throws Exception {
        chain.sync(11, owner, 1, 0);
        chain.fund(node, based(1_000));
        var token = chain.session.token(chain.session.reader());
        BigInteger ownerBefore = token.balanceOf(owner.getAddress()).send();
        chain.session.registry(chain.session.signer(node)).memorize(BigInteger.valueOf(11), MINER, KEY).send();
        assertThat(token.balanceOf(owner.getAddress()).send().subtract(ownerBefore)).isEqualTo(based(100));
        reverts("RegistryAlreadyRegistered", () -> chain.session.registry(chain.session.signer(node))
                .memorize(BigInteger.valueOf(11), MINER, KEY).send());

        chain.session.registry(chain.session.signer(owner)).setRegistrationFee(BigInteger.valueOf(11), based(500)).send();
        var uid = chain.session.registry(chain.session.reader()).uidOf(BigInteger.valueOf(11), MINER, node.getAddress()).send();
        assertThat(uid.component1()).as("registered nodes are grandfathered").isTrue();
        chain.session.registry(chain.session.signer(node)).memorize(BigInteger.valueOf(11), VALIDATOR, KEY).send();
        assertThat(token.balanceOf(owner.getAddress()).send().subtract(ownerBefore)).isEqualTo(based(600));
        reverts("RegistryFeeOutOfBounds", () -> chain.session.registry(chain.session.signer(owner))
                .setRegistrationFee(BigInteger.valueOf(11), based(10_001)).send());
        reverts("RegistryBrainInactive", () -> chain.session.registry(chain.session.signer(node))
                .memorize(BigInteger.valueOf(999), MINER, KEY).send());
    }

    @Test
    void fullBrainReplacesOnlyThePrunedRegistrantAfterItsImmunity() throws Exception {
        chain.sync(12, owner, 1, 0);
        chain.session.registry(chain.session.signer(owner)).setRegistrationFee(BigInteger.valueOf(12), BigInteger.ZERO).send();
        TxManager faucet = chain.session.signer(BasedChainFixture.FAUCET);
        for (int i = 0; i < 256; i++) {
            Credentials validator = Credentials.create(Keys.createEcKeyPair());
            faucet.transfer(validator.getAddress(), Convert.toWei("0.01", Convert.Unit.ETHER).toBigIntegerExact());
            chain.session.registry(chain.session.signer(validator)).memorize(BigInteger.valueOf(12), VALIDATOR, KEY).send();
        }
        var registry = chain.session.registry(chain.session.signer(node));
        assertThat(registry.nodeCount(BigInteger.valueOf(12), VALIDATOR).send()).isEqualTo(256);
        reverts("RegistryBrainFull", () -> registry.memorize(BigInteger.valueOf(12), VALIDATOR, KEY).send());

        // The oracle names uid 5 as the lowest-scoring registrant; it is still immune for 5,000 blocks.
        String pruned = registry.node(BigInteger.valueOf(12), VALIDATOR, BigInteger.valueOf(5)).send().account;
        // Only the oracle names pruning candidates; not even the administrator may.
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.registry(chain.session.signer(BasedChainFixture.ADMIN))
                .setPruneCandidate(BigInteger.valueOf(12), VALIDATOR, BigInteger.valueOf(5)).send());
        OracleTestSupport.postPrune(chain, 12, 1, 5);
        reverts("RegistryBrainFull", () -> registry.memorize(BigInteger.valueOf(12), VALIDATOR, KEY).send());
        chain.mine(5_000);
        assertThat(registry.memorize(BigInteger.valueOf(12), VALIDATOR, KEY).send().isStatusOK()).isTrue();
        assertThat(registry.uidOf(BigInteger.valueOf(12), VALIDATOR, node.getAddress()).send().component2()).isEqualTo(5);
        assertThat(registry.uidOf(BigInteger.valueOf(12), VALIDATOR, pruned).send().component1()).isFalse();
        assertThat(registry.nodeCount(BigInteger.valueOf(12), VALIDATOR).send()).isEqualTo(256);
    }

    @Test
    void stakeOnABrainOrItsValidatorsAndCountedStakeIsCapped() throws Exception {
        chain.sync(13, owner, 1, 0);
        chain.fund(node, based(2_000));
        chain.fund(outsider, based(1_000));
        var stakes = chain.session.stakes(chain.session.signer(outsider));
        reverts("StakeNotValidator", () -> stakes.stake(BigInteger.valueOf(13), node.getAddress(), based(10)).send());
        chain.session.registry(chain.session.signer(node)).memorize(BigInteger.valueOf(13), VALIDATOR, KEY).send();
        stakes.stake(BigInteger.valueOf(13), node.getAddress(), based(600)).send();
        chain.session.stakes(chain.session.signer(node)).stake(BigInteger.valueOf(13), OracleTestSupport.NO_VALIDATOR, based(400)).send();
        var reader = chain.session.stakes(chain.session.reader());
        assertThat(reader.brainStake(BigInteger.valueOf(13)).send()).isEqualTo(based(1_000));
        assertThat(reader.validatorStake(BigInteger.valueOf(13), node.getAddress()).send()).isEqualTo(based(600));
        BigInteger total = reader.totalStake().send();
        assertThat(reader.countedStake(BigInteger.valueOf(13)).send())
                .isEqualTo(total.multiply(BigInteger.valueOf(50)).divide(BigInteger.valueOf(10_000)).min(based(1_000)));

        reverts("StakeInsufficient", () -> stakes.unstake(BigInteger.valueOf(13), node.getAddress(), based(601)).send());
        stakes.unstake(BigInteger.valueOf(13), node.getAddress(), based(600)).send();
        assertThat(chain.session.token(chain.session.reader()).balanceOf(outsider.getAddress()).send()).isEqualTo(based(1_000));

        var asValidator = chain.session.stakes(chain.session.signer(node));
        assertThat(reader.takeOf(BigInteger.valueOf(13), node.getAddress()).send()).isEqualTo(1_800);
        asValidator.setTake(BigInteger.valueOf(13), BigInteger.valueOf(1_000)).send();
        assertThat(reader.takeOf(BigInteger.valueOf(13), node.getAddress()).send()).isEqualTo(1_000);
        reverts("StakeTakeOutOfBounds", () -> asValidator.setTake(BigInteger.valueOf(13), BigInteger.valueOf(3_001)).send());
        reverts("StakeNotValidator", () -> stakes.setTake(BigInteger.valueOf(13), BigInteger.ONE).send());
        reverts("AccessControlUnauthorizedAccount", () -> chain.session.stakes(chain.session.signer(BasedChainFixture.ADMIN))
                .setMaxTake(BigInteger.ONE).send());
    }
}
