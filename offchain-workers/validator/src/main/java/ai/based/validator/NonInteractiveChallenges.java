package ai.based.validator;

import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.protocol.scoring.ScoringParameters;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Challenges of a language Brain's non-interactive mode: every {@code every}-th challenge of a miner that announces
 * non-interactive passes at {@code frame}'s parameters runs as a user's {@code query --non-interactive} does (a fresh
 * key set with bootstrapping's keys, passes that ask the client nothing), scored with {@code scoring}, whose latency
 * target and timeout fit a bootstrapped pass. Without them a miner could answer that mode with anything in range and
 * still be paid by its users.
 *
 * @param rotationSteps the rotations of the Brain's circuit in that frame, from the validator's own copy of the model
 */
public record NonInteractiveChallenges(CircuitFrame frame, BootstrapParameters set, List<Integer> rotationSteps, int every,
        ScoringParameters scoring) {
    public NonInteractiveChallenges {
        if (every < 1) throw new IllegalArgumentException("a non-interactive challenge comes every 1 or more challenges, not " + every);
        rotationSteps = List.copyOf(rotationSteps);
    }

    /** Whether the miner's info announces non-interactive passes at this frame's parameters. */
    boolean servedBy(JsonObject info) {
        return info.getValue("nonInteractive") instanceof JsonObject mode && mode.getValue("parameters") instanceof String parameters
                && frame.params().toString().equals(parameters);
    }
}
