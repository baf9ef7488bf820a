package io.jnetdev.hw;

/**
 * One base address register.
 *
 * @param index        BAR number 0..5
 * @param kind         memory (32- or 64-bit) or I/O ports
 * @param size         size in bytes, a power of two (at least 16 for memory, 4 for I/O)
 * @param prefetchable memory BARs only
 */
public record BarSpec(int index, Kind kind, long size, boolean prefetchable) {

    /** What the BAR decodes. */
    public enum Kind { MEMORY32, MEMORY64, IO }

    public BarSpec {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("BAR index " + index + " outside 0..5");
        }
        if (Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("BAR" + index + " size " + size + " is not a power of two");
        }
        long min = kind == Kind.IO ? 4 : 16;
        if (size < min || (kind == Kind.IO && size > 256) || (kind == Kind.MEMORY32 && size > (1L << 31))) {
            throw new IllegalArgumentException("BAR" + index + " size " + size + " outside what a " + kind + " BAR can decode");
        }
        if (prefetchable && kind == Kind.IO) {
            throw new IllegalArgumentException("an I/O BAR cannot be prefetchable");
        }
    }

    public static BarSpec mmio(int index, long size) {
        return new BarSpec(index, Kind.MEMORY32, size, false);
    }

    public static BarSpec io(int index, long size) {
        return new BarSpec(index, Kind.IO, size, false);
    }
}
