package io.jnetdev.cli.demo;

import io.jnetdev.runtime.base.ProbeTrace.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probe trace ({@code trace probe}) told per device: every step that led to a bound device is
 * kept, in order and nested as the calls nested, while the walks that found nothing — the bus
 * scan's {@code device_add} before any driver was registered, and each {@code __driver_attach}
 * whose {@code driver_match_device} said "no match" — fold into one line each that names the
 * devices. The same steps as {@code dd.c}, without the thirty lines of misses between them.
 */
public final class ProbeChains {
    private ProbeChains() {}

    /** The trace with the misses folded, one step a line, as {@code trace probe} prints a step. */
    public static String render(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        List<Step> folded = new ArrayList<>();
        String foldedAs = null;
        int i = 0;
        while (i < steps.size()) {
            Step s = steps.get(i);
            int end = subtreeEnd(steps, i);
            String miss = miss(steps, i, end);
            if (miss != null && (foldedAs == null || foldedAs.equals(miss) && folded.getFirst().depth() == s.depth())) {
                folded.add(s);
                foldedAs = miss;
                i = end;
                continue;
            }
            flush(sb, folded, foldedAs);
            foldedAs = null;
            if (miss != null) {
                continue; // a different kind of miss starts its own fold
            }
            line(sb, s.timeNanos(), s.toString());
            i++;
        }
        flush(sb, folded, foldedAs);
        return sb.toString();
    }

    /**
     * What the step at {@code i} missed, or null when its subtree bound something: a bus-scan
     * {@code device_add} that found no driver, or a {@code __driver_attach} that did not match.
     */
    private static String miss(List<Step> steps, int i, int end) {
        Step s = steps.get(i);
        if (s.function().equals("__driver_attach") && s.note().equals("no match")) {
            return "no match";
        }
        if (s.function().equals("device_add")) {
            for (int j = i + 1; j < end; j++) {
                if (steps.get(j).note().contains("bound") && !steps.get(j).note().equals("no driver bound")) {
                    return null;
                }
            }
            return "no driver bound";
        }
        return null;
    }

    private static void flush(StringBuilder sb, List<Step> folded, String what) {
        if (folded.isEmpty()) {
            return;
        }
        Step first = folded.getFirst();
        String devices = String.join(", ", folded.stream().map(Step::device).toList());
        String head = "  ".repeat(first.depth()) + first.function() + (first.driver() == null ? "" : " drv=" + first.driver());
        line(sb, first.timeNanos(), head + " dev=" + devices + " -> " + what
                + (folded.size() > 1 ? " (" + folded.size() + " devices)" : ""));
        folded.clear();
    }

    private static void line(StringBuilder sb, long t, String text) {
        sb.append(String.format(Locale.ROOT, "[%5d.%06d] ", t / 1_000_000_000L, (t / 1000) % 1_000_000)).append(text).append('\n');
    }

    /** The index after the last step nested under step {@code i}. */
    private static int subtreeEnd(List<Step> steps, int i) {
        int depth = steps.get(i).depth();
        int j = i + 1;
        while (j < steps.size() && steps.get(j).depth() > depth) {
            j++;
        }
        return j;
    }
}
