package io.jnetdev.cli.demo;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.ethtool.EthtoolStat;
import io.jnetdev.runtime.irq.IrqAction;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.softirq.SoftirqType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of the four views the demo shows after each phase — {@code /proc/interrupts},
 * {@code /proc/softirqs}, {@code /proc/net/softnet_stat} and {@code ethtool -S} of every
 * interface — taken from the same counters those files print. Two readings subtract into the
 * rows that moved in between ({@link #minus}).
 *
 * @param interrupts one row per IRQ line as {@code /proc/interrupts} lists it ({@code "26: eth0-rx-0"}),
 *                   plus {@code LOC}; one column per CPU
 * @param softirqs   one row per softirq; one column per CPU
 * @param softnet    one row per CPU; the columns processed, dropped, time_squeeze
 * @param ethtool    per interface, its {@code ethtool -S} names and values
 */
public record Counters(CounterTable interrupts, CounterTable softirqs, CounterTable softnet,
                       Map<String, CounterTable> ethtool) {

    /** softnet_stat's first three columns, as Linux names the fields of {@code struct softnet_data}. */
    public static final List<String> SOFTNET_COLUMNS = List.of("processed", "dropped", "time_squeeze");

    public Counters {
        ethtool = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ethtool));
    }

    /** Reads every counter now; {@code ethtool -S} runs through the ethtool core, as the tool would. */
    public static Counters read(Machine m, List<NetDeviceImpl> interfaces) throws ErrnoException {
        int cpus = m.cpus().count();
        List<String> cpuColumns = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            cpuColumns.add("CPU" + c);
        }
        Map<String, long[]> irqRows = new LinkedHashMap<>();
        for (IrqDesc d : m.irqCore().descs()) {
            if (d.actions().isEmpty() && d.totalCount() == 0) {
                continue; // as /proc/interrupts: a line nobody requested and nobody raised is not listed
            }
            long[] v = new long[cpus];
            for (int c = 0; c < cpus; c++) {
                v[c] = d.count(c);
            }
            irqRows.put(d.irq() + ": " + String.join(", ", d.actions().stream().map(IrqAction::name).toList()), v);
        }
        long[] loc = new long[cpus];
        for (int c = 0; c < cpus; c++) {
            loc[c] = m.timers().localTimerInterrupts(c);
        }
        irqRows.put("LOC", loc);

        Map<String, long[]> softirqRows = new LinkedHashMap<>();
        for (SoftirqType t : SoftirqType.values()) {
            long[] v = new long[cpus];
            for (int c = 0; c < cpus; c++) {
                v[c] = m.softirqs().count(c, t);
            }
            softirqRows.put(t.name(), v);
        }

        Map<String, long[]> softnetRows = new LinkedHashMap<>();
        for (int c = 0; c < cpus; c++) {
            softnetRows.put("CPU" + c, m.net().softnetCounters(c));
        }

        Map<String, CounterTable> ethtool = new LinkedHashMap<>();
        for (NetDeviceImpl dev : interfaces) {
            Map<String, long[]> stats = new LinkedHashMap<>();
            for (EthtoolStat s : m.ethtool().stats(dev)) {
                stats.put(s.name(), new long[] {s.value()});
            }
            ethtool.put(dev.name(), new CounterTable("ethtool -S " + dev.name(), List.of("value"), stats));
        }
        return new Counters(new CounterTable("cat /proc/interrupts", cpuColumns, irqRows),
                new CounterTable("cat /proc/softirqs", cpuColumns, softirqRows),
                new CounterTable("cat /proc/net/softnet_stat", SOFTNET_COLUMNS, softnetRows), ethtool);
    }

    /** What moved since {@code before}: each table reduced to its changed rows, as increments. */
    public Counters minus(Counters before) {
        Map<String, CounterTable> moved = new LinkedHashMap<>();
        ethtool.forEach((dev, table) -> {
            CounterTable was = before.ethtool.get(dev);
            moved.put(dev, was == null ? table : table.minus(was));
        });
        return new Counters(interrupts.minus(before.interrupts), softirqs.minus(before.softirqs),
                softnet.minus(before.softnet), moved);
    }

    /** One {@code ethtool -S} value of {@code dev}, 0 when the driver has no such statistic. */
    public long stat(String dev, String name) {
        CounterTable t = ethtool.get(dev);
        return t == null ? 0 : t.rowTotal(name);
    }

    /**
     * Interrupts on the lines whose handlers belong to {@code dev}: a handler named {@code dev} or
     * {@code dev-...} (e1000e's {@code eth0-rx-0}); a shared line counts every interrupt on it.
     */
    public long interruptsOf(String dev) {
        long sum = 0;
        for (String label : interrupts.rows().keySet()) {
            if (handlers(label).stream().anyMatch(h -> belongsTo(h, dev))) {
                sum += interrupts.rowTotal(label);
            }
        }
        return sum;
    }

    /** Interrupts on the line whose handler is exactly {@code handler} (e.g. {@code eth0-rx-0}). */
    public long interruptsOfHandler(String handler) {
        long sum = 0;
        for (String label : interrupts.rows().keySet()) {
            if (handlers(label).contains(handler)) {
                sum += interrupts.rowTotal(label);
            }
        }
        return sum;
    }

    /**
     * Interrupts on each of {@code dev}'s lines, keyed by the handler names the line lists
     * ({@code eth0-rx-0}, {@code eth2, eth3}), in /proc/interrupts order; lines that did not move
     * are absent from an increment.
     */
    public Map<String, Long> interruptsByLine(String dev) {
        Map<String, Long> lines = new LinkedHashMap<>();
        for (String label : interrupts.rows().keySet()) {
            List<String> h = handlers(label);
            if (h.stream().anyMatch(x -> belongsTo(x, dev))) {
                lines.put(String.join(", ", h), interrupts.rowTotal(label));
            }
        }
        return lines;
    }

    /** The interfaces other than {@code dev} whose handlers share one of {@code dev}'s lines. */
    public List<String> sharers(String dev) {
        List<String> others = new ArrayList<>();
        for (String label : interrupts.rows().keySet()) {
            List<String> h = handlers(label);
            if (h.stream().anyMatch(x -> belongsTo(x, dev))) {
                h.stream().filter(x -> !belongsTo(x, dev) && !others.contains(x)).forEach(others::add);
            }
        }
        return others;
    }

    /** The IRQ numbers of {@code dev}'s lines, as /proc/interrupts lists them. */
    public List<Integer> irqsOf(String dev) {
        List<Integer> irqs = new ArrayList<>();
        for (String label : interrupts.rows().keySet()) {
            if (handlers(label).stream().anyMatch(h -> belongsTo(h, dev))) {
                irqs.add(Integer.parseInt(label.substring(0, label.indexOf(':'))));
            }
        }
        return irqs;
    }

    private static List<String> handlers(String label) {
        int colon = label.indexOf(": ");
        return colon < 0 ? List.of() : List.of(label.substring(colon + 2).split(", "));
    }

    private static boolean belongsTo(String handler, String dev) {
        return handler.equals(dev) || handler.startsWith(dev + "-");
    }

    /** Every table that has rows, as increments, for the demo's delta view. */
    public List<String> renderIncrements() {
        List<String> lines = new ArrayList<>();
        for (CounterTable t : tables()) {
            if (!t.isEmpty()) {
                lines.addAll(t.renderIncrements());
            }
        }
        return lines;
    }

    private List<CounterTable> tables() {
        List<CounterTable> all = new ArrayList<>(List.of(interrupts, softirqs, softnet));
        all.addAll(ethtool.values());
        return all;
    }
}
