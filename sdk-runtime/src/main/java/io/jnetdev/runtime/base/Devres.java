package io.jnetdev.runtime.base;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's managed resources ({@code devres}): each with the action that releases it, released
 * in reverse order of acquisition ({@code release_nodes}).
 */
public final class Devres {
    private final List<Entry> entries = new ArrayList<>();

    /** One managed resource. */
    public record Entry(String name, Runnable release) {}

    /** {@code devres_add}. */
    public void add(String name, Runnable release) {
        entries.add(new Entry(name, release));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Names in acquisition order. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * {@code devres_release_all}: runs every release action, newest first. An action that throws
     * is reported to {@code onError} and the rest still run.
     *
     * @return the names released, in release order
     */
    public List<String> releaseAll(java.util.function.BiConsumer<String, RuntimeException> onError) {
        List<String> released = new ArrayList<>();
        while (!entries.isEmpty()) {
            Entry e = entries.removeLast();
            try {
                e.release().run();
            } catch (RuntimeException ex) {
                onError.accept(e.name(), ex);
            }
            released.add(e.name());
        }
        return released;
    }
}
