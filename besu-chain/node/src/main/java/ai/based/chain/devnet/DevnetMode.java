package ai.based.chain.devnet;

import ai.based.chain.anvil.BlockMode;
import java.time.Duration;

/** Fast: both chains mine a block per transaction. Real time: the BasedAI chain mines every 10 s. */
public enum DevnetMode {
    FAST,
    REAL_TIME;

    public static final Duration BASEDAI_BLOCK_TIME = Duration.ofSeconds(10);

    public BlockMode blockMode(DevnetChain chain) {
        return this == REAL_TIME && chain == DevnetChain.BASEDAI
                ? BlockMode.every(BASEDAI_BLOCK_TIME)
                : BlockMode.automine();
    }
}
