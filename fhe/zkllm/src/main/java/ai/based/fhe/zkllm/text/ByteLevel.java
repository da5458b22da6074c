package ai.based.fhe.zkllm.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level conventions, as HuggingFace tokenizers implement them: every byte maps to one printable
 * character (so a vocabulary is a set of strings), and text is split before BPE with GPT-2's pattern (contractions,
 * letter runs, digit runs, punctuation runs, whitespace), each piece keeping its leading space.
 */
public final class ByteLevel {
    private static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The pieces BPE works on, each as its byte characters. */
    public static List<String> pretokenize(String text) {
        List<String> pieces = new java.util.ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) pieces.add(toByteChars(m.group()));
        return pieces;
    }

    public static String toByteChars(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(chars);
    }

    public static String fromByteChars(String byteChars) {
        byte[] bytes = new byte[byteChars.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = byteChars.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) throw new IllegalArgumentException("not a byte-level character: U+" + Integer.toHexString(c));
            bytes[i] = (byte) b;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static char byteChar(int b) {
        return BYTE_TO_CHAR[b];
    }
}
