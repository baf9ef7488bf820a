package io.jnetdev.runtime.base;

import io.jnetdev.runtime.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recorded call chain of the driver core: each step named as the Linux function it mirrors
 * ({@code really_probe}, {@code driver_bound}, ...), nested as the calls nest, with device,
 * driver and outcome. {@code trace probe} in the shell and the demo print it.
 */
public final class ProbeTrace {
    private final Engine engine;
    private final List<Step> steps = new ArrayList<>();
    private final List<Consumer<Step>> listeners = new ArrayList<>();
    private int depth;

    public ProbeTrace(Engine engine) {
        this.engine = engine;
    }

    /**
     * One step.
     *
     * @param timeNanos virtual time
     * @param depth     call depth, 0 for the outermost
     * @param function  the Linux function name
     * @param device    device name or null
     * @param driver    driver name or null
     * @param note      outcome or detail, may be empty
     */
    public record Step(long timeNanos, int depth, String function, String device, String driver, String note) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("  ".repeat(depth)).append(function);
            if (driver != null) {
                sb.append(" drv=").append(driver);
            }
            if (device != null) {
                sb.append(" dev=").append(device);
            }
            if (!note.isEmpty()) {
                sb.append(" -> ").append(note);
            }
            return sb.toString();
        }
    }

    /** An open step; closing it ends its nesting. */
    public final class Scope implements AutoCloseable {
        private final int index;

        private Scope(int index) {
            this.index = index;
        }

        /** Records the outcome of this step. */
        public void result(String note) {
            Step s = steps.get(index);
            steps.set(index, new Step(s.timeNanos(), s.depth(), s.function(), s.device(), s.driver(), note));
        }

        @Override
        public void close() {
            depth--;
            completed(steps.get(index));
        }
    }

    /**
     * Calls {@code listener} with every step from now on once it is complete: a step with no
     * children when it is recorded, an opened step when it closes (children first, as calls
     * return), with its outcome. Steps recorded earlier are in {@link #steps()}.
     */
    public void listen(Consumer<Step> listener) {
        listeners.add(listener);
    }

    /** Stops calling a listener given to {@link #listen}. */
    public void unlisten(Consumer<Step> listener) {
        listeners.remove(listener);
    }

    private void completed(Step step) {
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).accept(step);
        }
    }

    /** Opens a step; use with try-with-resources so nesting follows the calls. */
    public Scope enter(String function, Object device, Object driver) {
        steps.add(new Step(engine.now(), depth, function,
                device == null ? null : device.toString(), driver == null ? null : driver.toString(), ""));
        depth++;
        return new Scope(steps.size() - 1);
    }

    /** Records a step with no children. */
    public void point(String function, Object device, Object driver, String note) {
        Step step = new Step(engine.now(), depth, function,
                device == null ? null : device.toString(), driver == null ? null : driver.toString(), note);
        steps.add(step);
        completed(step);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Function names of the steps that concern {@code device} or have no device, in order. */
    public List<String> functionsFor(String device) {
        return steps.stream().filter(s -> s.device() == null || s.device().equals(device)).map(Step::function).toList();
    }

    /** The whole trace, one step per line, indented by depth. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(String.format("[%5d.%06d] ", s.timeNanos() / 1_000_000_000L, (s.timeNanos() / 1000) % 1_000_000))
                    .append(s).append('\n');
        }
        return sb.toString();
    }

    public void clear() {
        steps.clear();
    }
}
