package ai.based.deployment;

import org.junit.jupiter.api.Tag;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of test classes that share one pair of throwaway devnets; each test deploys its own contracts. */
@Tag("devnet")
abstract class TwoChainsTest {
    protected static TwoChains chains;

    @BeforeAll
    static void startChains() {
        chains = new TwoChains();
    }

    @AfterAll
    static void stopChains() {
        chains.close();
    }
}
