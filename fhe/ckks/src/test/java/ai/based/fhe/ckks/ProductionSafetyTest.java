package ai.based.fhe.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ring.Primes;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.SeedExpander;
import ai.based.fhe.ring.TestRandomness;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What production code can reach: only 128-bit parameters and rings, and only SecureRandom-keyed samplers for
 * secrets and noise. Insecure parameters and reproducible samplers exist in the test fixtures alone.
 */
class ProductionSafetyTest {

    /** Public static factories of {@code type} that return a {@code type}. */
    private static List<String> publicFactories(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type)
                .map(Method::getName).sorted().toList();
    }

    @Test
    void theOnlyPublicWaysInAreTheCheckedOnes() {
        assertThat(publicFactories(Parameters.class)).as("public factories of Parameters").containsExactly("create");
        assertThat(publicFactories(RingContext.class)).as("public factories of RingContext").containsExactly("secure");
        assertThat(RingContext.class.getConstructors()).as("public constructors of RingContext").isEmpty();
        assertThat(publicFactories(Sampler.class)).as("public factories of Sampler").containsExactly("secure");
        assertThat(Sampler.class.getConstructors()).as("public constructors of Sampler").isEmpty();
    }

    @Test
    void theReviewersInsecureRingIsRefusedOnEveryPublicPath() {
        // the review ran keygen, encryption and decryption at N = 4096 with a 200-bit Q
        List<Long> q200 = Primes.ntt(12, List.of(50, 50, 50, 50));
        assertThatThrownBy(() -> RingContext.secure(12, q200.subList(0, 3), q200.subList(3, 4)))
                .hasMessageContaining("refused ring").hasMessageContaining("no 128-bit entry");
        assertThatThrownBy(() -> Parameters.create(new ParametersLiteral(12, List.of(50, 50, 50), List.of(50), 40)))
                .hasMessageContaining("no 128-bit entry");
        // the bound is checked on the primes too: 240 bits at N = 8192 exceed 218
        List<Long> q240 = Primes.ntt(13, List.of(60, 60, 60, 60));
        assertThatThrownBy(() -> RingContext.secure(13, q240.subList(0, 3), q240.subList(3, 4))).hasMessageContaining("exceeds 218");
        List<Long> q218 = Primes.ntt(13, List.of(60, 49, 49, 60));
        assertThat(RingContext.secure(13, q218.subList(0, 3), q218.subList(3, 4)).n()).isEqualTo(8192);
    }

    @Test
    void insecureParametersComeOnlyFromTheFixtureAndSaySo() {
        Parameters tiny = InsecureParameters.forTest("production safety test", new ParametersLiteral(10, List.of(30), List.of(30), 20));
        assertThat(tiny.secure()).isFalse();
        assertThat(tiny.toString()).contains("INSECURE");
        assertThat(Parameters.create(ParametersLiteral.N8192).secure()).isTrue();
    }

    @Test
    void secretRandomnessIsUnpredictableAndOnlyTestsReproduceIt() {
        assertThat(Sampler.secure().nextLong()).as("two secure samplers share no stream").isNotEqualTo(Sampler.secure().nextLong());
        assertThat(TestRandomness.named("same").nextLong()).isEqualTo(TestRandomness.named("same").nextLong());
        // a public seed only expands into uniform residues: the seed expander has no secret or error sampling
        assertThat(Arrays.stream(SeedExpander.class.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).sorted()).containsExactly("at", "of", "offset", "uniform");
    }
}
