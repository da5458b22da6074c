package ai.based.fhe.zkllm.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The training corpus the project ships: the King James Version (public domain), one verse per line, built from
 * Debian's bible-kjv packages by {@code fhe/zkllm/scripts/make-corpus.sh}. Every tenth verse is held out for
 * validation, so both splits cover every book.
 */
public record Corpus(List<String> training, List<String> heldOut) {
    public static final int HOLD_OUT_EVERY = 10;
    private static final String RESOURCE = "/ai/based/fhe/zkllm/corpus/kjv.txt.gz";

    public static Corpus kjv() {
        try (InputStream raw = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("the corpus " + RESOURCE + " is missing from the classpath");
            List<String> training = new ArrayList<>();
            List<String> heldOut = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                int index = 0;
                for (String line = in.readLine(); line != null; line = in.readLine(), index++) {
                    (index % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? heldOut : training).add(line);
                }
            }
            return new Corpus(List.copyOf(training), List.copyOf(heldOut));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + RESOURCE, e);
        }
    }
}
