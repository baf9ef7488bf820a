package io.jnetdev.api.pci;

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
}
