package io.jnetdev.runtime.pci;

import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.PciConfigLayout;

/**
 * A function's 256-byte configuration space, built from its {@link PciConfigLayout}. As in QEMU,
 * a write mask says which bits software may change; BAR address bits are writable down to the
 * BAR's size, so writing all-ones and reading back gives the size (BAR sizing).
 */
public final class PciConfigSpace {
    public static final int SIZE = 256;

    private final byte[] bytes = new byte[SIZE];
    private final byte[] wmask = new byte[SIZE];
    private final byte[] w1cmask = new byte[SIZE];
    /** The command register (bytes 4..5), mirrored at every write: DMA asks for bus mastering per access. */
    private int command;

    public PciConfigSpace(PciConfigLayout layout) {
        set16(PciRegs.VENDOR_ID, layout.vendorId());
        set16(PciRegs.DEVICE_ID, layout.deviceId());
        set8(PciRegs.REVISION_ID, layout.revision());
        set8(PciRegs.CLASS_PROG, layout.classCode() & 0xFF);
        set16(PciRegs.CLASS_PROG + 1, layout.classCode() >>> 8);
        set16(PciRegs.SUBSYSTEM_VENDOR_ID, layout.subsystemVendorId());
        set16(PciRegs.SUBSYSTEM_ID, layout.subsystemId());
        set8(PciRegs.INTERRUPT_PIN, layout.interruptPin());
        wmask16(PciRegs.COMMAND, PciRegs.COMMAND_IO | PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER | PciRegs.COMMAND_INTX_DISABLE);
        wmask[PciRegs.CACHE_LINE_SIZE] = (byte) 0xFF;
        wmask[PciRegs.LATENCY_TIMER] = (byte) 0xFF;
        wmask[PciRegs.INTERRUPT_LINE] = (byte) 0xFF;
        for (BarSpec bar : layout.bars()) {
            int off = PciRegs.BASE_ADDRESS_0 + 4 * bar.index();
            int flags = switch (bar.kind()) {
                case IO -> PciRegs.BASE_ADDRESS_SPACE_IO;
                case MEMORY32 -> bar.prefetchable() ? PciRegs.BASE_ADDRESS_MEM_PREFETCH : 0;
                case MEMORY64 -> PciRegs.BASE_ADDRESS_MEM_TYPE_64 | (bar.prefetchable() ? PciRegs.BASE_ADDRESS_MEM_PREFETCH : 0);
            };
            long addrMask = ~(bar.size() - 1);
            set32(off, flags);
            wmask32(off, (int) addrMask & (bar.kind() == BarSpec.Kind.IO ? ~0x3 : ~0xF));
            if (bar.kind() == BarSpec.Kind.MEMORY64) {
                wmask32(off + 4, (int) (addrMask >>> 32));
            }
        }
        int next = 0;
        var caps = layout.capabilities().stream()
                .sorted((a, b) -> Integer.compare(b.offset(), a.offset())).toList();
        boolean[] used = new boolean[SIZE];
        for (CapabilitySpec cap : caps) {
            for (int i = cap.offset(); i < cap.offset() + cap.length(); i++) {
                if (i >= SIZE || used[i]) {
                    throw new IllegalArgumentException(String.format("capability 0x%02x at 0x%x overlaps another or runs past config space", cap.id(), cap.offset()));
                }
                used[i] = true;
            }
            set8(cap.offset(), cap.id());
            set8(cap.offset() + 1, next);
            next = cap.offset();
            switch (cap) {
                case CapabilitySpec.Msi msi -> {
                    int flags = (Integer.numberOfTrailingZeros(msi.vectors()) << 1)
                            | (msi.address64() ? PciRegs.MSI_FLAGS_64BIT : 0) | (msi.perVectorMask() ? PciRegs.MSI_FLAGS_MASKBIT : 0);
                    set16(cap.offset() + PciRegs.MSI_FLAGS, flags);
                    wmask16(cap.offset() + PciRegs.MSI_FLAGS, PciRegs.MSI_FLAGS_ENABLE | PciRegs.MSI_FLAGS_QSIZE);
                    wmask32(cap.offset() + PciRegs.MSI_ADDRESS_LO, 0xFFFF_FFFC);
                    if (msi.address64()) {
                        wmask32(cap.offset() + PciRegs.MSI_ADDRESS_HI, 0xFFFF_FFFF);
                        wmask16(cap.offset() + PciRegs.MSI_DATA_64, 0xFFFF);
                    } else {
                        wmask16(cap.offset() + PciRegs.MSI_DATA_32, 0xFFFF);
                    }
                    if (msi.perVectorMask()) {
                        int maskOff = cap.offset() + (msi.address64() ? 16 : 12);
                        wmask32(maskOff, msi.vectors() == 32 ? 0xFFFF_FFFF : (1 << msi.vectors()) - 1);
                    }
                }
                case CapabilitySpec.Msix msix -> {
                    set16(cap.offset() + PciRegs.MSIX_FLAGS, msix.tableSize() - 1);
                    wmask16(cap.offset() + PciRegs.MSIX_FLAGS, PciRegs.MSIX_FLAGS_ENABLE | PciRegs.MSIX_FLAGS_MASKALL);
                    set32(cap.offset() + PciRegs.MSIX_TABLE, (int) msix.tableOffset() | msix.tableBar());
                    set32(cap.offset() + PciRegs.MSIX_PBA, (int) msix.pbaOffset() | msix.pbaBar());
                }
                case CapabilitySpec.Raw raw -> {
                    byte[] body = raw.body();
                    System.arraycopy(body, 0, bytes, cap.offset() + 2, body.length);
                }
            }
        }
        if (next != 0) {
            set8(PciRegs.CAPABILITY_LIST, next);
            set16(PciRegs.STATUS, PciRegs.STATUS_CAP_LIST);
        }
    }

    /** Reads {@code size} (1, 2, 4) bytes, little-endian. */
    public int read(int offset, int size) {
        check(offset, size);
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= (bytes[offset + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    /** Writes {@code size} bytes under the write mask (read-only bits keep their value). */
    public void write(int offset, int size, int value) {
        check(offset, size);
        for (int i = 0; i < size; i++) {
            int b = (value >>> (8 * i)) & 0xFF;
            int m = wmask[offset + i] & 0xFF;
            int c = w1cmask[offset + i] & 0xFF;
            int old = bytes[offset + i] & 0xFF;
            int v = (old & ~m) | (b & m);
            v &= ~(b & c);
            bytes[offset + i] = (byte) v;
        }
        syncCommand(offset, size);
    }

    /** The command register, as {@code read(PciRegs.COMMAND, 2)} returns it. */
    public int command() {
        return command;
    }

    private void syncCommand(int off, int len) {
        if (off <= PciRegs.COMMAND + 1 && off + len > PciRegs.COMMAND) {
            command = (bytes[PciRegs.COMMAND] & 0xFF) | (bytes[PciRegs.COMMAND + 1] & 0xFF) << 8;
        }
    }

    /** Sets bits regardless of the write mask (the device's own status updates). */
    public void setBits16(int offset, int bits, boolean on) {
        int v = read(offset, 2);
        set16(offset, on ? v | bits : v & ~bits);
    }

    private void check(int offset, int size) {
        if ((size != 1 && size != 2 && size != 4) || offset < 0 || offset + size > SIZE || (offset & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format("config access of %d bytes at 0x%x is not naturally aligned within 256 bytes", size, offset));
        }
    }

    void set8(int off, int v) {
        bytes[off] = (byte) v;
        syncCommand(off, 1);
    }

    void set16(int off, int v) {
        bytes[off] = (byte) v;
        bytes[off + 1] = (byte) (v >>> 8);
        syncCommand(off, 2);
    }

    void set32(int off, int v) {
        set16(off, v);
        set16(off + 2, v >>> 16);
    }

    private void wmask16(int off, int m) {
        wmask[off] = (byte) m;
        wmask[off + 1] = (byte) (m >>> 8);
    }

    private void wmask32(int off, int m) {
        wmask16(off, m);
        wmask16(off + 2, m >>> 16);
    }

    /** Offset of the first capability with {@code id}, or 0 ({@code pci_find_capability}); bounded walk. */
    public int findCapability(int id) {
        int pos = read(PciRegs.CAPABILITY_LIST, 1) & ~3;
        for (int ttl = 48; pos >= 0x40 && ttl > 0; ttl--) {
            if (read(pos, 1) == id) {
                return pos;
            }
            pos = read(pos + 1, 1) & ~3;
        }
        return 0;
    }
}
