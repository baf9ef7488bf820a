package io.jnetdev.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.klog.Violation;

/**
 * Assertions on the runtime oracle ({@code Violations}): that a correct driver left no WARN, and
 * that a broken one tripped exactly the expected rule — attributed to the right device and
 * driver, stamped with the virtual time it happened at, and printed to {@code dmesg}.
 */
public final class OracleAssertions {
    private OracleAssertions() {}

    /** No violation recorded at all. */
    public static void assertClean(Machine m, String what) {
        assertThat(m.violations().all())
                .as("seed %d, %s: a correct driver trips no rule", m.engine().seed(), what)
                .isEmpty();
    }

    /**
     * Exactly one violation recorded, of {@code rule}, naming {@code device} and {@code driver},
     * stamped at a virtual time in {@code [notBefore, now]} with {@code notBefore > 0}, and logged
     * to {@code dmesg} as a {@code WARNING:} line.
     */
    public static Violation assertOnly(Machine m, String rule, String device, String driver, long notBefore) {
        Violation v = assertOnlyRule(m, rule, notBefore);
        long seed = m.engine().seed();
        assertThat(v.device()).as("seed %d, device of %s", seed, v).isEqualTo(device);
        assertThat(v.driver()).as("seed %d, driver of %s", seed, v).isEqualTo(driver);
        assertThat(m.dmesg()).as("seed %d, dmesg shows %s", seed, v)
                .contains("WARNING: [" + rule + "] " + driver + " " + device + ": " + v.message());
        return v;
    }

    /** As {@link #assertOnly} without the device and driver (for checks the runtime cannot attribute). */
    public static Violation assertOnlyRule(Machine m, String rule, long notBefore) {
        long seed = m.engine().seed();
        assertThat(notBefore).as("seed %d: trigger the violation after virtual time 0", seed).isPositive();
        assertThat(m.violations().all()).as("seed %d: exactly one WARN, of rule %s", seed, rule).hasSize(1);
        Violation v = m.violations().all().getFirst();
        assertThat(v.rule()).as("seed %d, rule of %s", seed, v).isEqualTo(rule);
        assertThat(v.timeNanos()).as("seed %d, virtual time of %s", seed, v)
                .isBetween(notBefore, m.engine().now());
        assertThat(m.dmesg()).as("seed %d, dmesg shows %s", seed, v)
                .contains("WARNING: [" + rule + "] ").contains(v.message());
        return v;
    }

    /** Advances {@code m} by {@code nanos} and returns the new virtual time: the "not before" of a check. */
    public static long advance(Machine m, long nanos) {
        m.run(nanos);
        return m.engine().now();
    }
}
