package io.jnetdev.cli.conformance;

import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.conformance.NetDriverConformance;
import java.util.Objects;

/**
 * The kit's test class as the command line runs it: the JUnit Platform launcher selects this
 * class, and it checks the driver {@code jnetdev conformance} chose with {@link #checking}. The
 * launcher runs it on the calling thread, so the choice is handed over in a field set just before
 * the run and cleared after it, as the kit's own self-test hands over its broken variants.
 */
public final class CommandLineConformance extends NetDriverConformance {
    private static volatile DriverUnderTest chosen;

    /** Makes the next launcher run of this class check {@code dut}; close the result after the run. */
    static AutoCloseable checking(DriverUnderTest dut) {
        chosen = Objects.requireNonNull(dut, "dut");
        return () -> chosen = null;
    }

    @Override
    protected DriverUnderTest driverUnderTest() {
        DriverUnderTest dut = chosen;
        if (dut == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " checks the driver 'jnetdev conformance' chose; run it through that command");
        }
        return dut;
    }
}
