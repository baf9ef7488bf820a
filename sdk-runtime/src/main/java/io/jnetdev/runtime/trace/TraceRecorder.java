package io.jnetdev.runtime.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps events as text lines in {@code trace_pipe}'s spirit ({@code [cpu] time: point: dev a b}),
 * up to a limit: for tests and the shell, not for per-frame speed.
 */
public final class TraceRecorder implements TraceSink {
    private final int limit;
    private final List<String> lines = new ArrayList<>();
    private long dropped;

    /** Keeps at most {@code limit} lines; later events are only counted. */
    public TraceRecorder(int limit) {
        this.limit = limit;
    }

    @Override
    public void event(long timeNanos, int cpu, Tracepoint point, String device, long a, long b) {
        if (lines.size() >= limit) {
            dropped++;
            return;
        }
        lines.add(String.format("[%03d] %d.%09d: %s: %s %d %d", cpu, timeNanos / 1_000_000_000L,
                timeNanos % 1_000_000_000L, point.linuxName(), device == null ? "-" : device, a, b));
    }

    /** The lines kept. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Events beyond the limit. */
    public long dropped() {
        return dropped;
    }
}
