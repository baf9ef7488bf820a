package io.jnetdev.runtime.pci;

import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciRegs;

/**
 * A mapped BAR. Each access is checked (bounds, still mapped, decoding enabled), goes to the
 * function, and ends at an instruction boundary where pending interrupts may run.
 */
final class IoRegionImpl implements IoRegion {
    private final PciCore core;
    private final PciFunction fn;
    private final int bar;
    private final long size;
    private final boolean io;
    private boolean unmapped;

    IoRegionImpl(PciCore core, PciFunction fn, int bar, long size, boolean io) {
        this.core = core;
        this.fn = fn;
        this.bar = bar;
        this.size = size;
        this.io = io;
    }

    void unmap() {
        unmapped = true;
    }

    boolean unmapped() {
        return unmapped;
    }

    @Override
    public int bar() {
        return bar;
    }

    @Override
    public boolean isIo() {
        return io;
    }

    @Override
    public long size() {
        return size;
    }

    private boolean decoding(long offset, int width) {
        if (unmapped) {
            throw new IllegalStateException(String.format("%s BAR%d: access at 0x%x after iounmap", fn.name(), bar, offset));
        }
        if (offset < 0 || offset + width > size) {
            throw new IndexOutOfBoundsException(String.format("%s BAR%d: %d-byte access at 0x%x outside the %d-byte BAR",
                    fn.name(), bar, width, offset, size));
        }
        int enable = io ? PciRegs.COMMAND_IO : PciRegs.COMMAND_MEMORY;
        return (fn.command() & enable) != 0 && !fn.dead();
    }

    private long read(long offset, int width) {
        long v = decoding(offset, width) ? fn.barRead(bar, offset, width) : -1L; // master abort reads all-ones
        core.cpus().charge(io ? core.costs().portIo() : core.costs().mmioRead());
        return width == 8 ? v : v & ((1L << (8 * width)) - 1);
    }

    private void write(long offset, int width, long value) {
        if (decoding(offset, width)) {
            fn.barWrite(bar, offset, width, width == 8 ? value : value & ((1L << (8 * width)) - 1));
        }
        core.cpus().charge(io ? core.costs().portIo() : core.costs().mmioWrite());
    }

    @Override
    public int read8(long offset) {
        return (int) read(offset, 1);
    }

    @Override
    public int read16(long offset) {
        return (int) read(offset, 2);
    }

    @Override
    public int read32(long offset) {
        return (int) read(offset, 4);
    }

    @Override
    public long read64(long offset) {
        return read(offset, 8);
    }

    @Override
    public void write8(long offset, int value) {
        write(offset, 1, value);
    }

    @Override
    public void write16(long offset, int value) {
        write(offset, 2, value);
    }

    @Override
    public void write32(long offset, int value) {
        write(offset, 4, value);
    }

    @Override
    public void write64(long offset, long value) {
        write(offset, 8, value);
    }

    @Override
    public String toString() {
        return fn.name() + " BAR" + bar;
    }
}
