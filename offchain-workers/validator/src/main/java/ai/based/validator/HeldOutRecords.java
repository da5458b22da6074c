package ai.based.validator;

import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import java.io.IOException;
import java.util.Random;

/**
 * Challenge records for a diagnosis Brain: a random sample of the held-out patient records (never trained on), whose
 * diagnoses the validator knows. The miner sees only how many ciphertexts arrive, and a clinic's file may hold any
 * number of records, so the sample's size varies too instead of being one fixed, recognisable count.
 */
public final class HeldOutRecords {
    /** Fewer records would say little about the miner; clinics' files rarely hold fewer. */
    static final int MIN_RECORDS = 16;

    private final PatientRecords heldOut;
    private final Random random;

    public HeldOutRecords(PatientRecords heldOut, Random random) {
        if (!heldOut.labelled()) throw new IllegalArgumentException("challenge records must carry their diagnosis");
        if (heldOut.size() < MIN_RECORDS) throw new IllegalArgumentException("need at least " + MIN_RECORDS + " held-out records, got " + heldOut.size());
        this.heldOut = heldOut;
        this.random = random;
    }

    /** The project's split: the 20% of the shipped records held out with seed 19. */
    public static HeldOutRecords standard(Random random) throws IOException {
        return new HeldOutRecords(DiagnosisSplit.standard().heldOut(), random);
    }

    /** Between {@link #MIN_RECORDS} and all held-out records, distinct, in random order, with their labels. */
    public PatientRecords next() {
        int count = MIN_RECORDS + random.nextInt(heldOut.size() - MIN_RECORDS + 1);
        int[] order = new int[heldOut.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return heldOut.select(java.util.Arrays.copyOf(order, count));
    }
}
