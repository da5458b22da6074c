package ai.based.client.basedai;

import static ai.based.deployment.BasedChainFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.BasedSession;
import ai.based.client.basedai.WeightsException.Reason;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.ValidatorWeights;
import ai.based.deployment.AnvilImpersonation;
import ai.based.deployment.BasedChainFixture;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * ValidatorWeights' commits, roles and size: a transaction from an epoch's last block counts in the next; only the
 * Brain's validators commit, and only for the current epoch; only governance sets the bond variant and the roles; a
 * reveal of 1,792 weights fits well inside a block.
 */
class ValidatorWeightsCommitTest extends ValidatorWeightsFixture {
    // ---- refused commits ----------------------------------------------------------------------------------

    @Test
    void onlyTheBrainsValidatorsCommitAndOnlyForTheCurrentEpoch() throws Exception {
        long brain = 65;
        brain(brain, 1);
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        Credentials miner = memorized(brain, NodeRole.MINER);
        brain(brain + 1, 0);
        Credentials elsewhere = memorized(brain + 1, NodeRole.VALIDATOR);
        long e = freshEpoch();
        byte[] hash = ValidatorWeightsClient.commitHash(brain, e, new int[] {0}, new int[] {1}, salt(), validator.getAddress());

        reverts("WeightsNotValidator", () -> commitRaw(OUTSIDER, brain, e, hash));
        reverts("WeightsNotValidator", () -> commitRaw(miner, brain, e, hash));
        reverts("WeightsNotValidator", () -> commitRaw(elsewhere, brain, e, hash));
        WeightsException notValidator = refused(() -> weights.commit(miner, brain, e, hash));
        assertThat(notValidator.reason()).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(notValidator).hasMessageContaining(miner.getAddress() + " is not a validator of Brain #" + brain);

        var ahead = reverts("WeightsWrongCommitEpoch", () -> commitRaw(validator, brain, e + 1, hash));
        assertThat(ahead.value("currentEpoch")).isEqualTo(BigInteger.valueOf(e));
        reverts("WeightsWrongCommitEpoch", () -> commitRaw(validator, brain, e - 1, hash));
        assertThat(refused(() -> weights.commit(validator, brain, e - 1, hash)))
                .hasMessageContaining("the commit names epoch " + (e - 1) + ", the chain is in epoch " + e)
                .satisfies(x -> assertThat(((WeightsException) x).reason()).isEqualTo(Reason.WRONG_EPOCH));
        reverts("WeightsEmptyCommitHash", () -> commitRaw(validator, brain, e, new byte[32]));

        for (Credentials who : List.of(OUTSIDER, miner, elsewhere, validator)) {
            assertThat(weights.commitOf(brain, e, who.getAddress()).committed()).as("refused commits store nothing").isFalse();
        }
        assertThat(weights.commitOf(brain, e + 1, validator.getAddress()).committed()).isFalse();
        assertThat(weights.commitOf(brain, e - 1, validator.getAddress()).committed()).isFalse();
    }

    // ---- governance ---------------------------------------------------------------------------------------

    @Test
    void onlyGovernanceSetsTheBondVariantAndTheRoles() throws Exception {
        String timelock = chain.session.address(BasedAiContracts.TIMELOCK);
        ValidatorWeights reader = chain.session.weights(chain.session.reader());
        byte[] governor = reader.GOVERNOR_ROLE().send();
        byte[] admin = reader.DEFAULT_ADMIN_ROLE().send();
        assertThat(reader.hasRole(admin, timelock).send()).isTrue();
        assertThat(reader.hasRole(governor, timelock).send()).isTrue();
        assertThat(reader.hasRole(admin, BasedChainFixture.ADMIN.getAddress()).send()).as("handed over at deploy").isFalse();

        for (Credentials who : List.of(OUTSIDER, BasedChainFixture.ADMIN)) {
            reverts("AccessControlUnauthorizedAccount", () -> as(who).setBondVariant(BigInteger.ONE).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(governor, who.getAddress()).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).grantRole(admin, who.getAddress()).send());
            reverts("AccessControlUnauthorizedAccount", () -> as(who).revokeRole(governor, timelock).send());
        }
        assertThat(weights.bondVariant()).isZero();
        assertThat(reader.hasRole(governor, timelock).send()).isTrue();
        assertThat(reader.hasRole(governor, OUTSIDER.getAddress()).send()).isFalse();

        // Even governance cannot name a variant the oracle does not know.
        String data = FunctionEncoder.encode(new Function("setBondVariant", List.of(new Uint8(2)), List.of()));
        var call = chain.basedai.web3j().ethCall(Transaction.createEthCallTransaction(timelock, weights.address(), data),
                DefaultBlockParameterName.LATEST).send();
        reverts("WeightsInvalidBondVariant", () -> BasedSession.reverts().requireSuccess("set the bond variant", call));
    }

    // ---- size ---------------------------------------------------------------------------------------------

    @Test
    void aRevealOf1792WeightsFitsWellInsideTheBlockGasLimit() throws Exception {
        long brain = 67;
        brain(brain, 0);
        BrainRegistry registry = chain.session.registry(chain.session.reader());
        try (AnvilImpersonation anvil = new AnvilImpersonation(chain.basedai)) {
            List<String> miners = new ArrayList<>();
            for (int i = 0; i < 1_792; i++) miners.add(Keys.toChecksumAddress(String.format("0x%040x", 0x3e19_0000L + i)));
            anvil.impersonate(miners);
            anvil.send(miners, registry.getContractAddress(), FunctionEncoder.encode(new Function("memorize",
                    List.of(new Uint256(brain), new Uint8(0), new Bytes32(new byte[32])), List.of())));
        }
        assertThat(registry.nodeCount(BigInteger.valueOf(brain), NodeRole.MINER.onChain()).send()).isEqualTo(BigInteger.valueOf(1_792));
        Credentials validator = memorized(brain, NodeRole.VALIDATOR);
        int[] uids = new int[1_792];
        int[] values = new int[1_792];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = i;
            values[i] = 1 + (i * 7_919) % 65_535;
        }
        byte[] salt = salt();
        long e = freshEpoch();
        committed(validator, brain, e, uids, values, salt);
        chain.closeEpoch(e);

        TransactionReceipt receipt = revealRaw(validator, brain, e, uids, values, salt);
        long gas = receipt.getGasUsed().longValueExact();
        long limit = chain.basedai.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getGasLimit().longValueExact();
        System.out.printf("reveal of 1,792 weights: %,d gas of a %,d block gas limit (%.1f%%)%n", gas, limit, 100.0 * gas / limit);
        assertThat(gas).as("well inside the block gas limit").isLessThan(limit / 4);
        assertThat(weights.revealed(brain, e)).singleElement().satisfies(r -> {
            assertThat(r.uids()).containsExactly(uids);
            assertThat(r.weights()).containsExactly(values);
        });
    }
}
