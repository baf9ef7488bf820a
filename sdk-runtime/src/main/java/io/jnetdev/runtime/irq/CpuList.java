package io.jnetdev.runtime.irq;

/**
 * CPU sets as Linux writes them for people: the list format of {@code smp_affinity_list}
 * ({@code 0-3,8}, what {@code cpulist_parse} reads and {@code %*pbl} prints) and the hex mask of
 * {@code smp_affinity} ({@code %*pb}: 32-bit groups separated by commas, as many hex digits as the
 * machine has CPUs need). A set is a {@code long}, bit n for CPU n: a machine has at most 64 CPUs.
 * The stride form {@code 0-7:2/4} of {@code cpulist_parse} is not read.
 */
public final class CpuList {
    private CpuList() {}

    /**
     * Reads a CPU list: comma-separated CPU numbers and ranges {@code a-b}, spaces around the
     * items allowed; an empty list is an empty set.
     *
     * @throws IllegalArgumentException naming what is wrong, for anything else or a CPU above 63
     */
    public static long parse(String text) {
        long mask = 0;
        String t = text.strip();
        if (t.isEmpty()) {
            return 0;
        }
        for (String item : t.split(",", -1)) {
            String s = item.strip();
            int dash = s.indexOf('-');
            int from = cpu(dash < 0 ? s : s.substring(0, dash), text);
            int to = dash < 0 ? from : cpu(s.substring(dash + 1), text);
            if (to < from) {
                throw new IllegalArgumentException("CPU range '" + s + "' runs backwards");
            }
            for (int c = from; c <= to; c++) {
                mask |= 1L << c;
            }
        }
        return mask;
    }

    private static int cpu(String s, String whole) {
        String t = s.strip();
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 4) {
            throw new IllegalArgumentException("'" + whole.strip() + "' is not a CPU list like 0-3,8");
        }
        int c = Integer.parseInt(t);
        if (c > 63) {
            throw new IllegalArgumentException("CPU " + c + " is beyond the 64 CPUs a machine can have");
        }
        return c;
    }

    /** The list form: {@code 0-1}, {@code 0,2-3}; the empty set is the empty string. */
    public static String format(long mask) {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        while (c < 64) {
            if ((mask & (1L << c)) == 0) {
                c++;
                continue;
            }
            int end = c;
            while (end + 1 < 64 && (mask & (1L << (end + 1))) != 0) {
                end++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(c);
            if (end > c) {
                sb.append('-').append(end);
            }
            c = end + 1;
        }
        return sb.toString();
    }

    /** The mask form for a machine of {@code cpus} CPUs: {@code 3} for CPUs 0-1 of 2, {@code 0000000f,00000000} ... */
    public static String formatMask(long mask, int cpus) {
        int digits = (cpus + 3) / 4;
        String hex = String.format("%016x", mask).substring(16 - digits);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i++) {
            if (i > 0 && (hex.length() - i) % 8 == 0) {
                sb.append(',');
            }
            sb.append(hex.charAt(i));
        }
        return sb.toString();
    }

    /**
     * Reads the mask form (hex digits, commas between 32-bit groups ignored, {@code 0x} not
     * allowed as in Linux's {@code cpumask_parse}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static long parseMask(String text) {
        String t = text.strip().replace(",", "");
        if (t.isEmpty() || !t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a hex CPU mask like 3 or ff");
        }
        String significant = t.replaceFirst("^0+", "");
        if (significant.length() > 16) {
            throw new IllegalArgumentException("mask '" + text.strip() + "' names CPUs beyond the 64 a machine can have");
        }
        return significant.isEmpty() ? 0 : Long.parseUnsignedLong(significant, 16);
    }
}
