package io.jnetdev.cli.livelock;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The summary table: per configuration, its peak delivered rate and the offered rate it came at,
 * what it delivered at the highest offered rate, that as a share of the peak, and where the CPU
 * went there — the numbers that say whether a design livelocks and why.
 */
final class LivelockSummary {
    private LivelockSummary() {}

    /** One configuration's line of the table. */
    record Row(String config, double peakDelivered, double peakAtOffered, double lastOffered, double lastDelivered,
               double lastIrqs, LivelockPoint last) {
        double pctOfPeak() {
            return peakDelivered == 0 ? 0 : 100 * lastDelivered / peakDelivered;
        }
    }

    static Row row(String config, List<LivelockPoint> points) {
        LivelockPoint peak = null;
        LivelockPoint last = null;
        for (LivelockPoint p : points) {
            if (!p.config().equals(config)) {
                continue;
            }
            if (peak == null || p.deliveredFps() > peak.deliveredFps()) {
                peak = p;
            }
            if (last == null || p.targetFps() > last.targetFps()) {
                last = p;
            }
        }
        if (peak == null) {
            throw new IllegalArgumentException("no points for " + config);
        }
        return new Row(config, peak.deliveredFps(), peak.offeredFps(), last.offeredFps(), last.deliveredFps(),
                last.irqsPerSec(), last);
    }

    static void print(PrintWriter out, List<String> configs, List<LivelockPoint> points, String costModel, int cpus) {
        out.printf(Locale.ROOT, "Receive livelock, 60-byte frames, %s, %d CPU%s%n", costModel, cpus, cpus == 1 ? "" : "s");
        String fmt = "%-12s %12s %12s %12s %12s %7s %10s  %s%n";
        out.printf(Locale.ROOT, fmt, "config", "peak fps", "at offered", "max offered", "delivered", "% peak", "irqs/s",
                "CPU at max offered: hardirq/softirq/ksoftirqd/idle %");
        for (String c : configs) {
            Row r = row(c, points);
            LivelockPoint l = r.last();
            out.printf(Locale.ROOT, fmt, c, f(r.peakDelivered()), f(r.peakAtOffered()), f(r.lastOffered()), f(r.lastDelivered()),
                    String.format(Locale.ROOT, "%.0f%%", r.pctOfPeak()), f(r.lastIrqs()),
                    String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f", 100 * l.hardirq(), 100 * l.softirq(), 100 * l.ksoftirqd(),
                            100 * l.idle()));
        }
        out.flush();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
