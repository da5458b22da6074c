package ai.based.fhe.zkllm.diagnosis;

import java.io.IOException;

/** A record file refused, with the 1-based line and column (0 when the problem is the whole line or file). */
public final class RecordFileException extends IOException {
    private final int line;
    private final int column;

    public RecordFileException(String source, int line, int column, String problem) {
        super("cannot read the records in " + source + ": line " + line + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
