package io.jnetdev.runtime.engine;

/** What a virtual CPU is executing, as Linux's {@code preempt_count} tells it. */
public enum ExecContext {
    /** Process context: a module init, a probe, a shell command, an IRQ thread. May sleep. */
    TASK,
    /** Softirq (bottom half) context. Atomic. */
    SOFTIRQ,
    /** Hard-IRQ (top half) context, local interrupts off. Atomic. */
    HARDIRQ
}
