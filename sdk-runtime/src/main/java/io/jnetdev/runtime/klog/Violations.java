package io.jnetdev.runtime.klog;

import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.runtime.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's record: every violation caught, also written to the kernel log as a
 * {@code WARNING:} line. Tests and the conformance kit query it.
 */
public final class Violations {
    private final Engine engine;
    private final KernelLog log;
    private final List<Violation> recorded = new ArrayList<>();

    public Violations(Engine engine, KernelLog log) {
        this.engine = engine;
        this.log = log;
    }

    /** Records a violation of {@code rule} and logs it. */
    public Violation warn(String rule, String device, String driver, String message) {
        Violation v = new Violation(rule, device == null ? "-" : device, driver == null ? "-" : driver, engine.now(), message);
        recorded.add(v);
        log.log(LogLevel.WARNING, "WARNING: [" + rule + "] " + v.driver() + " " + v.device() + ": " + message);
        return v;
    }

    public List<Violation> all() {
        return List.copyOf(recorded);
    }

    public List<Violation> ofRule(String rule) {
        return recorded.stream().filter(v -> v.rule().equals(rule)).toList();
    }

    public int count() {
        return recorded.size();
    }
}
