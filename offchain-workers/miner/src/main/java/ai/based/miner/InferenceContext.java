package ai.based.miner;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** What every session of a miner shares: the key store, the payment gate, limits, pass threads, figures and the log. */
record InferenceContext(EvaluationKeyStore keys, PaymentGate payments, MinerLimits limits, Executor passThreads,
        MinerMetrics metrics, Consumer<String> log) {}
