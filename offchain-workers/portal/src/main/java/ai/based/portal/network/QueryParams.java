package ai.based.portal.network;

import java.util.regex.Pattern;

/**
 * Reads numbers from a request's query string or path within stated bounds. Anything else (not a number, a sign, 80
 * digits, out of range) is a {@link BadQueryException} whose message says what is accepted, so the page can show it.
 */
final class QueryParams {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private QueryParams() {}

    /** {@code raw} as a whole number in [min, max]; {@code fallback} when absent. */
    static long bounded(String name, String raw, long min, long max, long fallback) {
        if (raw == null || raw.isEmpty()) return fallback;
        return bounded(name, raw, min, max);
    }

    static long bounded(String name, String raw, long min, long max) {
        if (raw == null || !DIGITS.matcher(raw).matches()) {
            throw new BadQueryException(name + " must be a whole number from " + min + " to " + max + ", not '" + shorten(raw) + "'");
        }
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
            throw new BadQueryException(name + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** A 32-byte hash written 0x + 64 hex digits, lower-cased. */
    static String hash(String name, String raw) {
        if (raw == null || !HASH.matcher(raw).matches()) {
            throw new BadQueryException(name + " must be 0x followed by 64 hex digits, not '" + shorten(raw) + "'");
        }
        return raw.toLowerCase();
    }

    private static String shorten(String raw) {
        if (raw == null) return "";
        String printable = raw.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 24 ? printable : printable.substring(0, 24) + "...";
    }
}
