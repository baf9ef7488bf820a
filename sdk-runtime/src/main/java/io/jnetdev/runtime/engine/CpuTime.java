package io.jnetdev.runtime.engine;

/** Where a CPU's busy time goes, as {@code /proc/stat} splits it. */
public enum CpuTime {
    /** Process context: modprobe, probe, shell commands, IRQ threads. */
    TASK,
    /** Hard-interrupt handlers. */
    HARDIRQ,
    /** Softirqs run at interrupt exit. */
    SOFTIRQ,
    /** Softirqs run by the per-CPU ksoftirqd thread. */
    KSOFTIRQD
}
