package io.jnetdev.cli.machine;

import io.jnetdev.hw.wire.Cable;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import java.util.List;
import java.util.Map;

/**
 * A machine booted from a {@link MachineDescription}, with what its wires section attached.
 *
 * @param machine     the machine, booted, its cables plugged and its generators started or armed
 * @param description what it was booted from
 * @param cables      the cables, in file order
 * @param generators  the generators, in file order (each starts at its {@code start})
 * @param sinks       the sinks by slot
 */
public record BootedMachine(Machine machine, MachineDescription description, List<Cable> cables,
                            List<TrafficGenerator> generators, Map<Integer, CountingSink> sinks) {
    public BootedMachine {
        cables = List.copyOf(cables);
        generators = List.copyOf(generators);
        sinks = Map.copyOf(sinks);
    }
}
