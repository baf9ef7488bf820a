package io.jnetdev.runtime.trace;

/**
 * A running 64-bit digest (FNV-1a over every field) and count of events: two runs with equal
 * digests saw the same events, at the same virtual times, on the same CPUs, in the same order.
 */
public final class TraceDigest implements TraceSink {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long hash = FNV_OFFSET;
    private long events;

    @Override
    public void event(long timeNanos, int cpu, Tracepoint point, String device, long a, long b) {
        events++;
        mix(timeNanos);
        mix(cpu);
        mix(point.ordinal());
        mix(device == null ? 0 : device.hashCode());
        mix(a);
        mix(b);
    }

    private void mix(long v) {
        for (int i = 0; i < 8; i++) {
            hash ^= (v >>> (i * 8)) & 0xFF;
            hash *= FNV_PRIME;
        }
    }

    /** The digest so far. */
    public long digest() {
        return hash;
    }

    /** Events seen so far. */
    public long events() {
        return events;
    }
}
