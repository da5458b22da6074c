package ai.based.governance;

import ai.based.client.InvalidInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.client.manifest.BasedAiContracts;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Parameter changes written as name=value become the exact calls the timelock will make; anything else is refused. */
class ProposalActionTest {
    private static final String ALICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String BOB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    /** The ABI encoding written out by hand: 4-byte selector, then one 32-byte word per argument. */
    private static String call(String signature, String... words) {
        StringBuilder hex = new StringBuilder(Hash.sha3String(signature).substring(0, 10));
        for (String word : words) hex.append(word);
        return hex.toString();
    }

    private static String word(BigInteger value) {
        return Numeric.toHexStringNoPrefixZeroPadded(value, 64);
    }

    private static String word(String address) {
        return "0".repeat(24) + Numeric.cleanHexPrefix(address);
    }

    @Test
    void bonusPoolSetsTheEmissionControllersBasisPoints() {
        ProposalAction action = ProposalAction.parse("bonus-pool=2000");
        assertThat(action.contract()).isEqualTo(BasedAiContracts.EMISSION_CONTROLLER);
        assertThat(action.calldata()).isEqualTo(call("setBonusPool(uint256)", word(BigInteger.valueOf(2000))));
        assertThat(action.summary()).isEqualTo("bonus-pool=2000");
    }

    @Test
    void registrationFeeBoundsAreReadInBasedWithDecimals() {
        ProposalAction bounds = ProposalAction.parse("registration-fee-bounds=0.5, 250");
        assertThat(bounds.contract()).isEqualTo(BasedAiContracts.BRAIN_REGISTRY);
        assertThat(bounds.calldata()).isEqualTo(call("setRegistrationFeeBounds(uint256,uint256)",
                word(BigInteger.TEN.pow(17).multiply(BigInteger.valueOf(5))), word(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(250)))));
    }

    @Test
    void unitPriceBoundsGoToTheComputeMarketInBased() {
        ProposalAction bounds = ProposalAction.parse("unit-price-bounds=0.0001,2");
        assertThat(bounds.contract()).isEqualTo(BasedAiContracts.COMPUTE_MARKET);
        assertThat(bounds.calldata()).isEqualTo(call("setPriceBounds(uint256,uint256)",
                word(BigInteger.TEN.pow(14)), word(BigInteger.TEN.pow(18).multiply(BigInteger.TWO))));
        assertThatThrownBy(() -> ProposalAction.parse("unit-price-bounds=1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unit-price-bounds=MIN,MAX");
    }

    @Test
    void maxValidatorTakeGoesToTheStakeManager() {
        ProposalAction action = ProposalAction.parse(" max-validator-take = 1800 ");
        assertThat(action.contract()).isEqualTo(BasedAiContracts.STAKE_MANAGER);
        assertThat(action.calldata()).isEqualTo(call("setMaxTake(uint256)", word(BigInteger.valueOf(1800))));
    }

    @Test
    void oracleSignersCarryTheAddressListAndTheThreshold() {
        ProposalAction action = ProposalAction.parse("oracle-signers=" + ALICE + "; " + BOB + "@2");
        assertThat(action.contract()).isEqualTo(BasedAiContracts.EPOCH_ORACLE);
        assertThat(action.calldata()).isEqualTo(call("setSigners(address[],uint256)",
                word(BigInteger.valueOf(64)), word(BigInteger.TWO), word(BigInteger.TWO), word(ALICE), word(BOB)));
    }

    @Test
    void bondVariantGoesToTheValidatorWeightsByName() {
        assertThat(ProposalAction.parse("bond-variant=yuma3")).extracting(ProposalAction::contract, ProposalAction::calldata)
                .containsExactly(BasedAiContracts.VALIDATOR_WEIGHTS, call("setBondVariant(uint8)", word(BigInteger.ONE)));
        assertThat(ProposalAction.parse("bond-variant = Yuma").calldata()).isEqualTo(call("setBondVariant(uint8)", word(BigInteger.ZERO)));
        assertThatThrownBy(() -> ProposalAction.parse("bond-variant=1"))
                .isInstanceOf(InvalidInputException.class).hasMessage("bond-variant takes yuma or yuma3, got '1'");
        assertThatThrownBy(() -> ProposalAction.parse("bond-variant=yuma4"))
                .isInstanceOf(InvalidInputException.class).hasMessage("bond-variant takes yuma or yuma3, got 'yuma4'");
    }

    @Test
    void pauseAndUnpauseTargetTheRegistryOrTheStakes() {
        assertThat(ProposalAction.parse("pause=registry")).extracting(ProposalAction::contract, ProposalAction::calldata)
                .containsExactly(BasedAiContracts.BRAIN_REGISTRY, call("pause()"));
        assertThat(ProposalAction.parse("unpause=stakes")).extracting(ProposalAction::contract, ProposalAction::calldata)
                .containsExactly(BasedAiContracts.STAKE_MANAGER, call("unpause()"));
    }

    @Test
    void anActionThatDoesNotExistIsRefusedWithTheListOfThoseThatDo() {
        assertThatThrownBy(() -> ProposalAction.parse("mint-based=1000000"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown proposal action 'mint-based': use bonus-pool, registration-fee-bounds, unit-price-bounds,"
                        + " max-validator-take, oracle-signers, bond-variant, pause or unpause");
        assertThatThrownBy(() -> ProposalAction.parse("bonus-pool"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a proposal action reads name=value, got 'bonus-pool'");
        assertThatThrownBy(() -> ProposalAction.parse("pause=bridge"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("pause/unpause takes registry or stakes, got 'bridge'");
    }

    @Test
    void malformedValuesAreRefused() {
        assertThatThrownBy(() -> ProposalAction.parse("registration-fee-bounds=100"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("registration-fee-bounds=MIN,MAX");
        assertThatThrownBy(() -> ProposalAction.parse("registration-fee-bounds=0.0000000000000000001,1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 18 decimals");
        assertThatThrownBy(() -> ProposalAction.parse("registration-fee-bounds=-1,1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ProposalAction.parse("oracle-signers=" + ALICE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("oracle-signers=ADDR;ADDR;...@THRESHOLD");
        assertThatThrownBy(() -> ProposalAction.parse("bonus-pool=ten"))
                .isInstanceOf(InvalidInputException.class).hasMessage("bonus-pool takes a whole number of at least 0, got 'ten'");
        assertThatThrownBy(() -> ProposalAction.parse("bonus-pool=-5"))
                .isInstanceOf(InvalidInputException.class).hasMessage("bonus-pool takes a whole number of at least 0, got '-5'");
        assertThatThrownBy(() -> ProposalAction.parse("max-validator-take=12.5"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got '12.5'");
        assertThatThrownBy(() -> ProposalAction.parse("oracle-signers=" + ALICE + "@-1"))
                .isInstanceOf(InvalidInputException.class).hasMessage("the threshold takes a whole number of at least 0, got '-1'");
        assertThatThrownBy(() -> ProposalAction.parse("oracle-signers=0x12@1"))
                .isInstanceOf(InvalidInputException.class).hasMessage("oracle-signers takes 20-byte hex addresses, got '0x12'");
        assertThatThrownBy(() -> ProposalAction.parse("oracle-signers=alice;" + BOB + "@1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 'alice'");
    }
}
