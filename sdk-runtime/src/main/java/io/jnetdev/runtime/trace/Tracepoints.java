package io.jnetdev.runtime.trace;

import io.jnetdev.runtime.engine.Cpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's tracepoint hub, the counterpart of Linux's static tracepoints: subsystems fire
 * events here, and nothing happens unless a {@link TraceSink} is attached, so the disabled cost is
 * one branch.
 */
public final class Tracepoints {
    /** A hub that never fires, for subsystems built without a machine (unit tests). */
    public static final Tracepoints NONE = new Tracepoints(null);

    private final Cpus cpus;
    private final List<TraceSink> sinks = new ArrayList<>();
    private TraceSink[] active = new TraceSink[0];

    public Tracepoints(Cpus cpus) {
        this.cpus = cpus;
    }

    /** Attaches a sink; every event fired from now on reaches it. */
    public void attach(TraceSink sink) {
        if (cpus == null) {
            throw new IllegalStateException("Tracepoints.NONE takes no sinks: attach to the machine's hub");
        }
        sinks.add(sink);
        active = sinks.toArray(TraceSink[]::new);
    }

    /** Detaches a sink attached earlier. */
    public void detach(TraceSink sink) {
        sinks.remove(sink);
        active = sinks.toArray(TraceSink[]::new);
    }

    /** Whether any sink listens. */
    public boolean enabled() {
        return active.length != 0;
    }

    /** Fires {@code point} on the current CPU at its virtual time. */
    public void fire(Tracepoint point, String device, long a, long b) {
        TraceSink[] s = active;
        if (s.length == 0) {
            return;
        }
        long now = cpus.now();
        int cpu = cpus.current().id();
        for (TraceSink sink : s) {
            sink.event(now, cpu, point, device, a, b);
        }
    }
}
