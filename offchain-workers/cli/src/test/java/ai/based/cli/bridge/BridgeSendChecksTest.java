package ai.based.cli.bridge;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.client.InsufficientFundsException;
import ai.based.client.InvalidInputException;
import ai.based.client.Pepe;
import org.junit.jupiter.api.Test;

/** What 'bridge send' checks before it locks or burns anything. */
class BridgeSendChecksTest {
    @Test
    void aLockAboveTheMintLimitIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> BridgeSendCommand.requireWithinMintLimit(Pepe.units(1_000_001), Pepe.units(1_000_000)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot send 1,000,001 BASED in one transfer: the Ethereum bridge mints at most 1,000,000 BASED per hour");
        assertThatCode(() -> BridgeSendCommand.requireWithinMintLimit(Pepe.units(1_000_000), Pepe.units(1_000_000))).doesNotThrowAnyException();
    }

    @Test
    void tooLittleBasedOrWrappedBasedIsALackOfFunds() {
        assertThatThrownBy(() -> BridgeSendCommand.requireBalance(Pepe.units(3), Pepe.units(7), "wBASED"))
                .isInstanceOf(InsufficientFundsException.class).hasMessage("cannot send 7 wBASED: the wallet holds 3 wBASED");
    }
}
