package ai.based.cli.query;

import ai.based.client.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a query's prompt comes from: a file or standard input, never the command line, which every local user can
 * read through /proc while the query runs.
 */
final class PromptInput {
    static final int MAX_BYTES = 1 << 20;

    private PromptInput() {}

    /** The prompt from {@code file}, or from {@code stdin} when there is no file; one final line break is dropped. */
    static String read(Path file, InputStream stdin) {
        byte[] bytes;
        try {
            bytes = file != null ? Files.readAllBytes(file) : stdin.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the prompt from " + (file != null ? file : "standard input") + ": " + e, e);
        }
        String from = file != null ? file.toString() : "standard input";
        if (bytes.length > MAX_BYTES) throw new InvalidInputException("the prompt in " + from + " is longer than 1 MiB");
        String prompt = new String(bytes, StandardCharsets.UTF_8);
        if (prompt.endsWith("\r\n")) prompt = prompt.substring(0, prompt.length() - 2);
        else if (prompt.endsWith("\n")) prompt = prompt.substring(0, prompt.length() - 1);
        if (prompt.isBlank()) throw new InvalidInputException("no prompt in " + from + ": pipe it in or use --prompt-file FILE");
        return prompt;
    }
}
