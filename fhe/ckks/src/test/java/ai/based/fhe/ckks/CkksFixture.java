package ai.based.fhe.ckks;

import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys, encryptor, decryptor, encoder and evaluator for one parameter set, from a named test seed. */
final class CkksFixture {
    final Parameters params;
    final SecretKey sk;
    final PublicKey pk;
    final Encoder encoder;
    final Encryptor encryptor;
    final Decryptor decryptor;
    final EvaluationKeys keys;
    final Evaluator evaluator;

    CkksFixture(Parameters params, List<Integer> rotations, String seed) {
        this.params = params;
        Sampler random = TestRandomness.named(seed);
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        sk = keygen.secretKey();
        pk = keygen.publicKey(sk);
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : rotations) {
            long g = Galois.rotationElement(step, params.logN());
            galois.put(g, keygen.galoisKey(sk, g));
        }
        long conjugation = Galois.conjugationElement(params.logN());
        galois.put(conjugation, keygen.galoisKey(sk, conjugation));
        encoder = new Encoder(params);
        encryptor = new Encryptor(params.ring(), random);
        decryptor = new Decryptor(params.ring(), sk);
        keys = new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), galois);
        evaluator = new Evaluator(params, keys);
    }

    Ciphertext encrypt(double[] values) {
        return encryptor.encrypt(encoder.encode(values, params.maxLevel(), params.defaultScale()), pk);
    }

    double[] decrypt(Ciphertext ct) {
        return encoder.decode(decryptor.decrypt(ct));
    }

    static double maxError(double[] expected, double[] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(expected[i] - actual[i]));
        return max;
    }

    static double[] random(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = random.nextDouble() * 2 - 1;
        return values;
    }
}
