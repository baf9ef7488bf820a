package io.jnetdev.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One counter file the demo watches ({@code /proc/interrupts}, {@code /proc/softirqs},
 * {@code /proc/net/softnet_stat}, one interface's {@code ethtool -S}) as a table: each row a label
 * and one value per column, in the file's order. Subtracting an earlier reading keeps only the
 * rows that moved, which is what the demo prints after each phase.
 *
 * @param title   what a reader would type to see the full view, e.g. {@code cat /proc/softirqs}
 * @param columns the column names ({@code CPU0}, ... or {@code processed}, ...)
 * @param rows    label to values, one per column, in the file's order
 */
public record CounterTable(String title, List<String> columns, Map<String, long[]> rows) {

    public CounterTable {
        columns = List.copyOf(columns);
        Map<String, long[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            if (e.getValue().length != columns.size()) {
                throw new IllegalArgumentException(title + ": row '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + columns.size() + " columns");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        rows = Collections.unmodifiableMap(copy);
    }

    /**
     * The increments since {@code before}: only rows with a value that changed, each value the
     * difference. A row {@code before} lacks counts from zero (a vector requested during the phase).
     */
    public CounterTable minus(CounterTable before) {
        Map<String, long[]> moved = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] was = before.rows.get(e.getKey());
            long[] now = e.getValue();
            long[] diff = new long[now.length];
            boolean changed = false;
            for (int i = 0; i < now.length; i++) {
                diff[i] = now[i] - (was == null ? 0 : was[i]);
                changed |= diff[i] != 0;
            }
            if (changed) {
                moved.put(e.getKey(), diff);
            }
        }
        return new CounterTable(title, columns, moved);
    }

    /** The sum of a row's values, 0 when the table has no such row. */
    public long rowTotal(String label) {
        long[] v = rows.get(label);
        return v == null ? 0 : Arrays.stream(v).sum();
    }

    /** The sum of one column over every row, 0 when there is no such column. */
    public long columnTotal(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            return 0;
        }
        long sum = 0;
        for (long[] v : rows.values()) {
            sum += v[i];
        }
        return sum;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * The table as increments under its title: a header with the column names, then each row
     * with {@code +N} per column, labels padded to one width.
     */
    public List<String> renderIncrements() {
        List<String> lines = new ArrayList<>();
        int width = Math.max(title.length() - 2, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + (width + 2) + "s", title));
        if (columns.size() > 1) {
            for (String c : columns) {
                head.append(String.format(Locale.ROOT, " %13s", c));
            }
        }
        lines.add(head.toString().stripTrailing());
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    %-" + width + "s", e.getKey()));
            for (long v : e.getValue()) {
                line.append(String.format(Locale.ROOT, " %+,13d", v));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
