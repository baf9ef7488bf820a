package io.jnetdev.benchmarks;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.ArrayList;
import java.util.List;

/**
 * What a receive benchmark checks after its run, so that a fast wrong path is never reported as a
 * result: every offered frame delivered, none missed or dropped, no skb held, no violation.
 */
public final class RxProblems {
    private RxProblems() {}

    /**
     * The problems of a run, empty when there are none.
     *
     * @param machine   the benchmark's machine
     * @param dev       the interface the frames came in on
     * @param offered   frames offered to the card's port
     * @param delivered frames the protocol handler received
     * @param missed    frames the card missed for want of a descriptor
     */
    public static List<String> of(Machine machine, NetDeviceImpl dev, long offered, long delivered, long missed) {
        List<String> p = new ArrayList<>();
        if (delivered != offered) {
            p.add("offered " + offered + " frames, delivered " + delivered);
        }
        if (missed != 0) {
            p.add(missed + " frames missed (ring full)");
        }
        if (dev.rxDropsTotal() != 0) {
            p.add("drops " + dev.rxDrops());
        }
        if (machine.net().skbsInUse() != 0) {
            p.add(machine.net().skbsInUse() + " skbs still in use");
        }
        if (machine.violations().count() != 0) {
            p.add("violations " + machine.violations().all());
        }
        return p;
    }

    /** Fails a benchmark trial whose run had problems: a fast wrong path is no result. */
    public static void requireNone(String path, long seed, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(path + " broken (seed " + seed + "): " + problems);
        }
    }
}
