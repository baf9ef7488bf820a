package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

/**
 * The two members of the family the model builds (a row each of Linux's {@code vortex_info_tbl} and
 * {@code nic-facts.md} B.1): what differs between them. Everything else — commands, windows, status
 * bits, statistics, EEPROM protocol — is common to the family.
 *
 * <p>Values the facts file does not give are the model's choices, marked so: the subsystem IDs, the
 * revision, the EEPROM capability and software-info words, the internal-config RAM fields and the
 * media options (which make Linux's {@code vortex_up} pick 100baseTX on the 3c595 and NWAY on the
 * 3c905C, as it does for those boards).
 */
public enum VortexChip {
    /** 3c595 Vortex 100baseTX: programmed I/O through the FIFOs; a 32-byte I/O BAR. */
    C3C595(0x5950, "3c595 Vortex 100baseTx", 32, false, 0x00,
            // capabilities: full duplex, 100 Mb/s; no full bus master (so Linux takes the PIO path)
            CAP_FULL_DUPLEX | CAP_100MBPS,
            // media options: 100baseTX and 10baseT; internal config: XCVR 100baseTX, autoselect
            MEDIA_OPT_BTX | MEDIA_OPT_10BT, XCVR_100baseTx),
    /** 3c905C Tornado: UPD/DPD bus-master lists; 128-byte I/O BAR0 plus BAR1, a memory copy of it. */
    C3C905C(0x9200, "3c905C Tornado", 128, true, 0x74,
            // capabilities: PnP, full duplex, large packets, full bus master, fragment bus master, 100 Mb/s, PM
            CAP_PNP | CAP_FULL_DUPLEX | CAP_LARGE_PACKETS | CapBusMaster | CAP_FRAG_BUS_MASTER | CAP_100MBPS | CapPwrMgmt,
            // media options: 100baseTX and 10baseT behind the NWAY (MII) transceiver
            MEDIA_OPT_BTX | MEDIA_OPT_10BT, XCVR_NWAY);

    private final int deviceId;
    private final String displayName;
    private final int ioSize;
    private final boolean busMaster;
    private final int revision;
    private final int capabilities;
    private final int mediaOptions;
    private final int defaultXcvr;

    VortexChip(int deviceId, String displayName, int ioSize, boolean busMaster, int revision, int capabilities,
               int mediaOptions, int defaultXcvr) {
        this.deviceId = deviceId;
        this.displayName = displayName;
        this.ioSize = ioSize;
        this.busMaster = busMaster;
        this.revision = revision;
        this.capabilities = capabilities;
        this.mediaOptions = mediaOptions;
        this.defaultXcvr = defaultXcvr;
    }

    /** PCI device ID (vendor {@link VortexRegs#VENDOR_ID}). */
    public int deviceId() {
        return deviceId;
    }

    /** The name Linux's {@code vortex_info_tbl} gives the part. */
    public String displayName() {
        return displayName;
    }

    /** Size of the I/O BAR in bytes (B.1). */
    public int ioSize() {
        return ioSize;
    }

    /** Whether the part has the Boomerang UPD/DPD engines (and the registers at 0x20..0x3F). */
    public boolean busMaster() {
        return busMaster;
    }

    /** Whether the part is a Cyclone/Tornado: BAR1 copy of the registers, W3 MaxPktSize, W7 VLAN type. */
    public boolean cycloneOrTornado() {
        return this == C3C905C;
    }

    /** PCI revision ID (model's choice: 0x74 for the 3c905C, as lspci commonly shows it; 0 for the 3c595). */
    public int revision() {
        return revision;
    }

    /** PCI subsystem ID (model's choice: 3Com's vendor ID and the device ID). */
    public int subsystemId() {
        return deviceId;
    }

    /** EEPROM word 16 (B.8). */
    public int capabilities() {
        return capabilities;
    }

    /** Window 3 media options: the transceivers the board has. */
    public int mediaOptions() {
        return mediaOptions;
    }

    /** Window 3 internal config XCVR field at power-on. */
    public int defaultXcvr() {
        return defaultXcvr;
    }
}
