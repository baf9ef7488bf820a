package io.jnetdev.cli.livelock;

import io.jnetdev.cli.machine.MachineDescription;
import io.jnetdev.runtime.net.NetSysctl;

/**
 * What every point's machine of one run shares besides the cost model: CPUs, {@code HZ}, seed and
 * the {@code net.core} knobs — Linux's defaults, or a machine file's ({@code --machine}). The
 * card, its module and the wire come from the configuration, so a file's slots, modules and wires
 * play no part here.
 *
 * @param description the machine file the knobs come from, or null for Linux's defaults at {@code hz}
 */
record PointBase(int cpus, int hz, long seed, MachineDescription description) {
    /** Linux's default HZ in this project's machines. */
    static final int DEFAULT_HZ = 1000;

    /** Linux's defaults: {@code cpus} CPUs at HZ=1000, the default knobs. */
    static PointBase defaults(int cpus, long seed) {
        return new PointBase(cpus, DEFAULT_HZ, seed, null);
    }

    /** A machine file's CPUs, HZ and knobs, with the run's CPUs and seed. */
    static PointBase of(MachineDescription description, int cpus, long seed) {
        return new PointBase(cpus, description.hz(), seed, description);
    }

    /** A fresh set of knobs for one machine ({@link NetSysctl} is mutable, as {@code sysctl -w} makes it). */
    NetSysctl netSysctl() {
        return description == null ? NetSysctl.forHz(hz) : description.netSysctl();
    }
}
