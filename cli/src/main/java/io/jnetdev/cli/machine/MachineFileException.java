package io.jnetdev.cli.machine;

/**
 * A machine file that cannot describe a machine: one line, {@code FILE:LINE:COL: what is wrong;
 * expected what}, the position being where the offending value starts (lines and columns from 1).
 */
public final class MachineFileException extends Exception {
    private final String file;
    private final int line;
    private final int column;

    /**
     * @param file     the file's name as the user gave it
     * @param line     line of the offending value, from 1
     * @param column   column of the offending value, from 1
     * @param problem  what is wrong
     * @param expected what would have been right
     */
    public MachineFileException(String file, int line, int column, String problem, String expected) {
        super(file + ":" + line + ":" + column + ": " + oneLine(problem) + "; expected " + oneLine(expected));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
