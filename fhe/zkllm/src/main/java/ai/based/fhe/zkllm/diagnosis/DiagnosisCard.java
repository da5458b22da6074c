package ai.based.fhe.zkllm.diagnosis;

/**
 * What a trained diagnosis model is and how good it is, written next to its weights: held-out accuracy and AUC beside
 * the logistic-regression baseline's on the same records.
 */
public record DiagnosisCard(String name, DiagnosisTrainer.Config config, int trainingRecords, int heldOutRecords, long splitSeed,
        Metrics heldOut, Metrics baseline, double trainingSeconds, String trainedOn, String data) {
    public String summary() {
        return String.format("%s: 30 -> %d (0.125 h^2 + 0.5 h + 0.25) -> 1, %d steps of full-batch Adam on %d records in %.1f s; held-out (%d records, "
                + "split seed %d): %s; logistic-regression baseline: %s", name, config.hidden(), config.steps(), trainingRecords,
                trainingSeconds, heldOutRecords, splitSeed, heldOut, baseline);
    }
}
