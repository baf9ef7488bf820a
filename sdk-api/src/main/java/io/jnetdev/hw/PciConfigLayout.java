package io.jnetdev.hw;

import java.util.List;
import java.util.Objects;

/**
 * What a PCI function shows in its configuration space: IDs, class, interrupt pin, BARs and
 * capabilities. The runtime builds the 256-byte header (and capability list) from this.
 *
 * @param vendorId          vendor ID
 * @param deviceId          device ID
 * @param subsystemVendorId subsystem vendor ID
 * @param subsystemId       subsystem ID
 * @param classCode         24-bit class code (base, sub, prog-if)
 * @param revision          revision ID
 * @param interruptPin      0 for none, 1..4 for INTA..INTD
 * @param bars              the BARs, at most one per index 0..5 (a 64-bit BAR also takes index+1)
 * @param capabilities      the capability list, at offsets 0x40..0xFC
 */
public record PciConfigLayout(int vendorId, int deviceId, int subsystemVendorId, int subsystemId,
                              int classCode, int revision, int interruptPin,
                              List<BarSpec> bars, List<CapabilitySpec> capabilities) {

    public PciConfigLayout {
        if ((vendorId & ~0xFFFF) != 0 || (deviceId & ~0xFFFF) != 0
                || (subsystemVendorId & ~0xFFFF) != 0 || (subsystemId & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("PCI IDs are 16 bits");
        }
        if ((classCode & ~0xFF_FFFF) != 0 || (revision & ~0xFF) != 0) {
            throw new IllegalArgumentException("class code is 24 bits, revision 8");
        }
        if (interruptPin < 0 || interruptPin > 4) {
            throw new IllegalArgumentException("interrupt pin is 0 (none) or 1..4 (INTA..INTD), not " + interruptPin);
        }
        bars = List.copyOf(Objects.requireNonNull(bars, "bars"));
        capabilities = List.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        boolean[] used = new boolean[6];
        for (BarSpec bar : bars) {
            int last = bar.index() + (bar.kind() == BarSpec.Kind.MEMORY64 ? 1 : 0);
            if (last > 5) {
                throw new IllegalArgumentException("BAR" + bar.index() + " does not fit in BAR0..5");
            }
            for (int i = bar.index(); i <= last; i++) {
                if (used[i]) {
                    throw new IllegalArgumentException("BAR" + i + " declared twice");
                }
                used[i] = true;
            }
        }
    }

    /** The BAR with this index, or null. */
    public BarSpec bar(int index) {
        for (BarSpec bar : bars) {
            if (bar.index() == index) {
                return bar;
            }
        }
        return null;
    }
}
