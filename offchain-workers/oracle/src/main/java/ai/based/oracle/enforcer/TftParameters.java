package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The TFT's trainable tensors by name, made in registration order from one seeded stream (so a model is a function of
 * its config), and the constants its differentiable graph uses. DJL rule kept from fhe/zkllm: a differentiable operation
 * never takes a Java number the backward pass reads back; the numbers are tensors this store owns.
 */
final class TftParameters {
    private final NDManager manager;
    private final SplittableRandom random;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final Map<Float, NDArray> constants = new LinkedHashMap<>();

    TftParameters(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new SplittableRandom(seed);
    }

    NDManager manager() {
        return manager;
    }

    /** A weight matrix [in, out] drawn uniformly in +-sqrt(6 / (in + out)) (Glorot). */
    NDArray weight(String name, long in, long out) {
        return weight(name, new Shape(in, out), Math.sqrt(6.0 / (in + out)));
    }

    NDArray weight(String name, Shape shape, double limit) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        return register(name, manager.create(values, shape));
    }

    NDArray filled(String name, Shape shape, float value) {
        float[] values = new float[(int) shape.size()];
        java.util.Arrays.fill(values, value);
        return values(name, values, shape);
    }

    NDArray values(String name, float[] values, Shape shape) {
        return register(name, manager.create(values, shape));
    }

    /** A non-trainable scalar tensor, one per value. */
    NDArray constant(float value) {
        return constants.computeIfAbsent(value, v -> {
            NDArray array = manager.create(v);
            NDScope.unregister(array);   // kept for the model's life even when first asked for inside a step's scope
            return array;
        });
    }

    Map<String, NDArray> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    private NDArray register(String name, NDArray array) {
        if (trainable.containsKey(name)) throw new IllegalStateException("parameter '" + name + "' is registered twice");
        array.setRequiresGradient(true);
        trainable.put(name, array);
        return array;
    }
}
