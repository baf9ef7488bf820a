package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

/**
 * The two Tulip parts the model plays (C.1, C.4, C.6): the 21140 and the 21143. They share the
 * CSR map, the descriptors and the setup frame; the 21143 adds interrupt mitigation in CSR11, the
 * SIA status in CSR12 with a link-change interrupt (LC), and a subsystem ID. Revision 0 for both, as
 * QEMU's model shows (the facts file names no revision).
 */
public enum TulipChip {
    /** DEC 21140(A), PCI 1011:0009: CSR11 is a plain general-purpose timer, CSR12 the general-purpose port. */
    DC21140(DEVICE_ID_21140, 0, 0, 0, VALID_INTRS_21140, false, "21140"),
    /** DEC 21143, PCI 1011:0019 with QEMU's subsystem 103C:104F: CSR11 mitigation, CSR12 SIA status. */
    DC21143(DEVICE_ID_21143, SUBSYSTEM_VENDOR_ID_21143, SUBSYSTEM_ID_21143, 0, VALID_INTRS_21143, true, "21143");

    final int deviceId;
    final int subsystemVendorId;
    final int subsystemId;
    final int revision;
    /** The CSR7 bits Linux's {@code valid_intrs} enables on this part. */
    final int validIntrs;
    /** Linux's {@code HAS_INTR_MITIGATION}: CSR11 bits 31:17. */
    final boolean hasMitigation;
    final String partName;

    TulipChip(int deviceId, int subsystemVendorId, int subsystemId, int revision, int validIntrs,
              boolean hasMitigation, String partName) {
        this.deviceId = deviceId;
        this.subsystemVendorId = subsystemVendorId;
        this.subsystemId = subsystemId;
        this.revision = revision;
        this.validIntrs = validIntrs;
        this.hasMitigation = hasMitigation;
        this.partName = partName;
    }

    /** The PCI device ID. */
    public int deviceId() {
        return deviceId;
    }

    /** The CSR7 value Linux's driver writes to enable every source this part has ({@code valid_intrs}). */
    public int validIntrs() {
        return validIntrs;
    }

    /** Whether CSR11 has the receive/transmit mitigation fields (the 21143 only). */
    public boolean hasMitigation() {
        return hasMitigation;
    }
}
