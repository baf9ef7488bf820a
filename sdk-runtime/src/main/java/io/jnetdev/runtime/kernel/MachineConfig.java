package io.jnetdev.runtime.kernel;

import io.jnetdev.hw.PciFunctionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a machine is made of and how its kernel is configured.
 *
 * @param cpus             virtual CPUs
 * @param seed             the seed of every random choice
 * @param hz               timer ticks per second ({@code CONFIG_HZ})
 * @param memoryBytes      physical memory
 * @param slots            devices in PCI slots
 * @param modules          modules to load at boot with their parameters; null loads every discovered module with defaults
 * @param debugShirq       {@code CONFIG_DEBUG_SHIRQ}
 * @param testDriverRemove {@code CONFIG_DEBUG_TEST_DRIVER_REMOVE}
 */
public record MachineConfig(int cpus, long seed, int hz, long memoryBytes, List<Slot> slots,
                            Map<String, Map<String, String>> modules, boolean debugShirq, boolean testDriverRemove) {

    /** A device model in a PCI slot; the supplier makes a fresh model per machine. */
    public record Slot(int slot, Supplier<PciFunctionModel> model) {
        public Slot {
            Objects.requireNonNull(model, "model");
        }
    }

    public MachineConfig {
        slots = List.copyOf(slots);
        if (hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
            throw new IllegalArgumentException("HZ must be 100, 250, 300 or 1000, not " + hz);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MachineConfig}; defaults: 2 CPUs, seed 1, HZ 1000, 256 MiB, no devices, every module. */
    public static final class Builder {
        private int cpus = 2;
        private long seed = 1;
        private int hz = 1000;
        private long memory = 256L << 20;
        private final List<Slot> slots = new ArrayList<>();
        private Map<String, Map<String, String>> modules;
        private boolean debugShirq;
        private boolean testDriverRemove;

        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder hz(int h) {
            this.hz = h;
            return this;
        }

        public Builder memory(long bytes) {
            this.memory = bytes;
            return this;
        }

        public Builder slot(int slot, Supplier<PciFunctionModel> model) {
            slots.add(new Slot(slot, model));
            return this;
        }

        /** Load only these modules at boot (none when empty). */
        public Builder modules(Map<String, Map<String, String>> m) {
            this.modules = m;
            return this;
        }

        public Builder debugShirq(boolean on) {
            this.debugShirq = on;
            return this;
        }

        public Builder testDriverRemove(boolean on) {
            this.testDriverRemove = on;
            return this;
        }

        public MachineConfig build() {
            return new MachineConfig(cpus, seed, hz, memory, slots, modules, debugShirq, testDriverRemove);
        }
    }
}
