package ai.based.fhe.zkllm.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shipped Wisconsin diagnostic records split into training and held-out records, stratified: the same share of
 * each class is held out, chosen by a seeded Fisher-Yates shuffle of that class's record indices, so the split is a
 * pure function of the file and the seed (see PROVENANCE.md beside the data).
 */
public record DiagnosisSplit(PatientRecords training, PatientRecords heldOut) {
    public static final String RESOURCE = "/ai/based/fhe/zkllm/diagnosis/wdbc.csv";
    public static final long SEED = 19;
    public static final double HELD_OUT_SHARE = 0.2;

    /** All 569 shipped records, in the file's order. */
    public static PatientRecords shipped() throws IOException {
        try (InputStream in = DiagnosisSplit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IOException("the diagnosis records " + RESOURCE + " are not on the class path");
            return RecordsParser.read(new InputStreamReader(in, StandardCharsets.UTF_8), "the shipped " + RESOURCE);
        }
    }

    /** The split every command and test uses: 20% of each class held out, seed 19. */
    public static DiagnosisSplit standard() throws IOException {
        return of(shipped(), HELD_OUT_SHARE, SEED);
    }

    public static DiagnosisSplit of(PatientRecords all, double heldOutShare, long seed) {
        if (!all.labelled()) throw new IllegalArgumentException("only labelled records can be split for training");
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> training = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int label : new int[] {1, 0}) {
            List<Integer> members = new ArrayList<>();
            for (int r = 0; r < all.size(); r++) if (all.labels()[r] == label) members.add(r);
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                members.set(i, members.set(j, members.get(i)));
            }
            int held = (int) Math.round(members.size() * heldOutShare);
            heldOut.addAll(members.subList(0, held));
            training.addAll(members.subList(held, members.size()));
        }
        // back in file order, so neither part is sorted by class
        return new DiagnosisSplit(all.select(training.stream().sorted().mapToInt(Integer::intValue).toArray()),
                all.select(heldOut.stream().sorted().mapToInt(Integer::intValue).toArray()));
    }
}
