package io.jnetdev.cli.livelock;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code livelock.csv}: one row per configuration and offered rate, a header with the units in the
 * column names. Drop columns are the union of the counters any row used, named as
 * {@code ip -s link} and the conservation check name them ({@code drop_rx_missed_errors_fps}, ...),
 * averaged over the whole load.
 * The run's cost model, CPU count and seed are columns too, so a row stands on its own.
 */
final class LivelockCsv {
    static final String FILE = "livelock.csv";

    private LivelockCsv() {}

    static List<String> dropCounters(List<LivelockPoint> points) {
        TreeSet<String> names = new TreeSet<>();
        for (LivelockPoint p : points) {
            names.addAll(p.dropsPerSec().keySet());
        }
        return new ArrayList<>(names);
    }

    static Path write(Path dir, List<LivelockPoint> points, String costModel, int cpus, long seed) throws IOException {
        Path file = dir.resolve(FILE);
        List<String> counters = dropCounters(points);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("config,cost_model,cpus,seed,target_fps,offered_fps,delivered_fps,interrupts_per_s,"
                    + "cpu_hardirq_pct,cpu_softirq_pct,cpu_ksoftirqd_pct,cpu_task_pct,cpu_idle_pct");
            for (String c : counters) {
                h.append(",drop_").append(c).append("_fps");
            }
            h.append(",run_offered_frames,run_delivered_frames,run_dropped_frames,conservation\n");
            w.write(h.toString());
            for (LivelockPoint p : points) {
                StringBuilder r = new StringBuilder();
                r.append(p.config()).append(',').append('"').append(costModel).append('"').append(',').append(cpus).append(',')
                        .append(seed).append(',').append(p.targetFps()).append(',').append(num(p.offeredFps())).append(',')
                        .append(num(p.deliveredFps())).append(',').append(num(p.irqsPerSec())).append(',')
                        .append(pct(p.hardirq())).append(',').append(pct(p.softirq())).append(',').append(pct(p.ksoftirqd()))
                        .append(',').append(pct(p.task())).append(',').append(pct(p.idle()));
                for (String c : counters) {
                    r.append(',').append(num(p.dropsPerSec().getOrDefault(c, 0.0)));
                }
                r.append(',').append(p.conservation().offered()).append(',').append(p.conservation().delivered()).append(',')
                        .append(p.conservation().dropped()).append(',').append(p.conservation().holds() ? "holds" : "VIOLATED")
                        .append('\n');
                w.write(r.toString());
            }
        }
        return file;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f", fraction * 100);
    }
}
