package io.jnetdev.runtime.klog;

import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.runtime.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The kernel ring buffer: every {@code printk} line with its virtual time stamp, as {@code dmesg}
 * prints it ({@code [    1.234567] text}).
 */
public final class KernelLog {
    private final Engine engine;
    private final List<Line> lines = new ArrayList<>();
    private final List<Consumer<Line>> listeners = new ArrayList<>();

    public KernelLog(Engine engine) {
        this.engine = engine;
    }

    /** One log line. */
    public record Line(long timeNanos, LogLevel level, String text) {
        @Override
        public String toString() {
            return String.format("[%5d.%06d] %s", timeNanos / 1_000_000_000L, (timeNanos / 1000) % 1_000_000, text);
        }
    }

    public void log(LogLevel level, String text) {
        Line line = new Line(engine.now(), level, text);
        lines.add(line);
        for (Consumer<Line> listener : listeners) {
            listener.accept(line);
        }
    }

    public void info(String text) {
        log(LogLevel.INFO, text);
    }

    public void warn(String text) {
        log(LogLevel.WARNING, text);
    }

    public void err(String text) {
        log(LogLevel.ERR, text);
    }

    public void debug(String text) {
        log(LogLevel.DEBUG, text);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines logged since index {@code from}. */
    public List<Line> since(int from) {
        return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    public int size() {
        return lines.size();
    }

    /** Everything, as {@code dmesg} prints it (debug lines left out, as with the default console level). */
    public String dmesg() {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            if (line.level() != LogLevel.DEBUG) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Calls {@code listener} for every future line. */
    public void addListener(Consumer<Line> listener) {
        listeners.add(listener);
    }
}
