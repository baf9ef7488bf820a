package io.jnetdev.api.pci;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A mapped BAR ({@code void __iomem *} from {@code pci_iomap}): memory-mapped registers or an
 * I/O-port window, accessed with {@code ioread}/{@code iowrite} widths. Every access is an
 * instruction boundary: a pending interrupt may run before it returns.
 *
 * <p>Offsets are relative to the BAR start; an access past the BAR's end fails with
 * {@link IndexOutOfBoundsException} naming the device, BAR and offset.
 */
public interface IoRegion {
    /** The BAR number this region maps. */
    int bar();

    /** Whether this is an I/O-port BAR (else memory-mapped). */
    boolean isIo();

    /** Length in bytes. */
    long size();

    int read8(long offset);

    int read16(long offset);

    int read32(long offset);

    void write8(long offset, int value);

    void write16(long offset, int value);

    void write32(long offset, int value);

    /** 64-bit read, where the device allows it. */
    long read64(long offset);

    /** 64-bit write, where the device allows it. */
    void write64(long offset, long value);

    /**
     * {@code ioread32_rep}: reads {@code count} 32-bit words from the same register (a FIFO port)
     * into {@code dst} from {@code dstOffset}, each stored as the bus delivered it (little-endian),
     * as a PIO receive path empties a card's receive FIFO. Each read is an access of its own: it
     * costs what {@link #read32} costs and is an instruction boundary.
     */
    default void ioread32Rep(long offset, MemorySegment dst, long dstOffset, int count) {
        for (int i = 0; i < count; i++) {
            dst.set(LE_INT, dstOffset + 4L * i, read32(offset));
        }
    }

    /**
     * {@code iowrite32_rep}: writes {@code count} 32-bit words from {@code src} at
     * {@code srcOffset} (little-endian) to the same register (a FIFO port), as a PIO transmit
     * path fills a card's transmit FIFO. Each write is an access of its own.
     */
    default void iowrite32Rep(long offset, MemorySegment src, long srcOffset, int count) {
        for (int i = 0; i < count; i++) {
            write32(offset, src.get(LE_INT, srcOffset + 4L * i));
        }
    }

    /** The layout of the {@code _rep} transfers: bytes as the little-endian bus carries them. */
    ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
}
