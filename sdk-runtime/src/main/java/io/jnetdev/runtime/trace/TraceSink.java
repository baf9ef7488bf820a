package io.jnetdev.runtime.trace;

/**
 * Where fired tracepoints go. Called on the per-frame path: an implementation should not allocate
 * when it can avoid it ({@link TraceDigest} does not).
 */
@FunctionalInterface
public interface TraceSink {
    /**
     * One event.
     *
     * @param timeNanos virtual time on the firing CPU
     * @param cpu       the firing CPU
     * @param point     which tracepoint
     * @param device    the interface or IRQ owner it concerns, or {@code null}
     * @param a         first argument, as {@link Tracepoint} documents
     * @param b         second argument, as {@link Tracepoint} documents
     */
    void event(long timeNanos, int cpu, Tracepoint point, String device, long a, long b);
}
