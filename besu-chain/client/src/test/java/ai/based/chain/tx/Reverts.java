package ai.based.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test support: asserts that an action reverted with a named custom error and returns it decoded. */
public final class Reverts {
    private Reverts() {}

    public static DecodedRevert expect(String error, ThrowingCallable action) {
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("expected a revert with " + error).isInstanceOf(ContractRevertException.class);
        DecodedRevert revert = ((ContractRevertException) thrown).revert();
        assertThat(revert.error()).as(revert.toString()).isEqualTo(error);
        return revert;
    }
}
