package ai.based.fhe.zkllm.diagnosis;

import ai.based.fhe.ckks.Parameters;

/**
 * Whether the encrypted circuit can score a record exactly. CKKS computes modulo q: the signed sum of squares and the
 * logit sit at the last level, where a value must stay well below q_0 / (2 Δ) or it wraps around and decrypts to
 * noise. For the shipped records the sum is a few hundred; a measurement far outside anything the model was trained on
 * (a unit error: an area in mm² instead of µm², a smoothness of 1e5) can push it past the bound. The clinic checks
 * each record in the clear before encrypting, and refuses it naming the measurement furthest from the training mean.
 */
public final class ScoreRange {
    private final DiagnosisModel model;
    private final DiagnosisModel.Folded folded;
    private final double limit;

    public ScoreRange(DiagnosisModel model, Parameters params) {
        this.model = model;
        this.folded = model.folded();
        // a quarter of q_0 / (2 Δ): room for the scale's drift from Δ after the rescale and for the noise
        this.limit = Math.pow(2, (int) Math.floor(Math.log(params.ring().modulus(0).q) / Math.log(2)) - params.literal().logScale() - 3);
    }

    public double limit() {
        return limit;
    }

    /** Σ_j g_j(x)² + |bias|: a bound on every value the circuit holds for this record after the squares. */
    public double magnitude(double[] x) {
        double total = Math.abs(folded.bias());
        for (int j = 0; j < folded.weights().length; j++) {
            double g = folded.offsets()[j];
            for (int i = 0; i < DiagnosisModel.FEATURES; i++) g += folded.weights()[j][i] * x[i];
            total += g * g;
        }
        return total;
    }

    /** Throws, naming the first record (1-based) the circuit cannot score exactly. */
    public void check(PatientRecords records) {
        for (int r = 0; r < records.size(); r++) {
            double[] x = records.features()[r];
            double magnitude = magnitude(x);
            if (!(magnitude < limit)) {
                int furthest = 0;
                for (int i = 1; i < x.length; i++) if (deviations(x, i) > deviations(x, furthest)) furthest = i;
                throw new IllegalArgumentException(String.format("cannot score record %d under encryption: its %s is %s, %.0f standard "
                        + "deviations from the training records' mean, which takes the circuit's values to %.3g, beyond the %.3g the CKKS "
                        + "parameters hold exactly; check the record's units", r + 1, PatientRecords.FEATURES.get(furthest), x[furthest],
                        deviations(x, furthest), magnitude, limit));
            }
        }
    }

    private double deviations(double[] x, int i) {
        return Math.abs(x[i] - model.mean()[i]) / model.std()[i];
    }
}
