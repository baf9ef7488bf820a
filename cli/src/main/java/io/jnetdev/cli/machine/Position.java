package io.jnetdev.cli.machine;

/**
 * Where a value stands in a machine file (lines and columns from 1), kept with the values that
 * can only be checked later — when the CPU count is final or the machine has booted.
 */
public record Position(String file, int line, int column) {
    /** An error at this position. */
    MachineFileException error(String problem, String expected) {
        return new MachineFileException(file, line, column, problem, expected);
    }
}
