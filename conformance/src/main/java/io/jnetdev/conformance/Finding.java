package io.jnetdev.conformance;

import java.util.List;

/**
 * One thing a scenario found wrong: a violation the runtime recorded, or an invariant the kit
 * checked that did not hold.
 *
 * @param rule      the rule broken
 * @param scenario  the scenario's name
 * @param seed      the machine's seed
 * @param device    the PCI device (or {@code -})
 * @param driver    the driver (or {@code -})
 * @param timeNanos virtual time of the event
 * @param message   what happened
 * @param trace     the kernel log around it (dmesg lines)
 */
public record Finding(Rule rule, String scenario, long seed, String device, String driver, long timeNanos,
                      String message, List<String> trace) {
    public Finding {
        trace = List.copyOf(trace);
    }

    /** The failure message: rule, seed, device, first event, the trace around it, and how to replay. */
    public String report(int othersOfRule) {
        StringBuilder sb = new StringBuilder();
        sb.append(rule.displayName()).append('\n');
        sb.append("  violated in scenario '").append(scenario).append("', seed ").append(seed)
                .append(", device ").append(device).append(" (driver ").append(driver).append(")\n");
        sb.append(String.format("  first violating event at t=%d.%09ds: %s%n", timeNanos / 1_000_000_000L,
                timeNanos % 1_000_000_000L, message));
        if (othersOfRule > 0) {
            sb.append("  (and ").append(othersOfRule).append(" more finding(s) of this rule)\n");
        }
        sb.append("  kernel log around it:\n");
        for (String line : trace) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append("  replay: -D").append(KitConfig.SEED).append('=').append(seed);
        return sb.toString();
    }
}
