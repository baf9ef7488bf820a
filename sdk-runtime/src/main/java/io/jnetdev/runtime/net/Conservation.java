package io.jnetdev.runtime.net;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Frame conservation on one device (the architecture's first invariant): every frame offered to
 * its wire is delivered to a protocol handler or counted in exactly one drop counter.
 *
 * @param device    the interface
 * @param offered   frames the wire offered to the device (counted by the wire, not the driver)
 * @param delivered frames the core handed to a protocol handler
 * @param drops     every drop counter, by name: the driver's ({@code rx_missed}, ...) and the
 *                  core's ({@code backlog_dropped}, {@code rx_nohandler})
 * @param inFlight  frames the core still holds in a backlog queue; the check holds only when the
 *                  machine has settled and this is 0
 */
public record Conservation(String device, long offered, long delivered, Map<String, Long> drops, long inFlight) {
    public Conservation {
        drops = Map.copyOf(drops);
    }

    /** All drop counters together. */
    public long dropped() {
        return drops.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code offered == delivered + Σ drops}. */
    public boolean holds() {
        return offered == delivered + dropped();
    }

    /** Frames neither delivered nor counted: positive means lost silently, negative counted twice. */
    public long unaccounted() {
        return offered - delivered - dropped();
    }

    @Override
    public String toString() {
        String d = drops.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return device + ": offered " + offered + " = delivered " + delivered + " + dropped " + dropped() + " [" + d + "]"
                + (holds() ? "" : " — " + unaccounted() + " unaccounted") + (inFlight == 0 ? "" : ", " + inFlight + " in flight");
    }
}
