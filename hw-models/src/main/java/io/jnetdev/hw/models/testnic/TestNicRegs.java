package io.jnetdev.hw.models.testnic;

/**
 * Register map of the jnetdev test NIC, shared by the model and its tests; its driver keeps its own
 * copy of the numbers. The layout borrows the Intel e1000 family's ideas and offsets (ICR/IMS/IMC
 * cause and mask registers, ring base/length/head/tail, RAL/RAH, the legacy 16-byte descriptors,
 * the cause bit positions) in a much smaller device: one receive and one transmit queue, no
 * EEPROM, PHY, filters, offloads or interrupt moderation.
 *
 * <p>All registers are 32 bits wide and take 32-bit accesses only; other widths read all-ones and
 * are ignored on write (as QEMU's e1000e does).
 *
 * <h2>Interrupts</h2>
 * {@link #ICR} latches causes whether or not they are masked; reads have no side effect, and
 * writing 1s clears those causes (write-1-to-clear). {@link #IMS} reads the mask and sets mask
 * bits on write, {@link #IMC} clears them, {@link #ICS} raises causes as the device would.
 * The device asserts INTx while {@code ICR & IMS} is non-zero; with MSI or MSI-X it sends a
 * message when {@code ICR & IMS} (for MSI-X: restricted to the causes routed to that vector by
 * {@link #IVAR}) goes from zero to non-zero — so a driver clears the causes it handled, and
 * unmasking with causes pending sends a message at once.
 *
 * <h2>Rings</h2>
 * e1000 head/tail semantics. The device owns receive descriptors from {@link #RDH} up to, not
 * including, {@link #RDT}; it stores a frame at RDH, writes back length and
 * {@link #RXD_STAT_DD}|{@link #RXD_STAT_EOP}, and advances RDH. With RDH == RDT it has no
 * descriptor: the frame is missed ({@link #MPC}) and {@link #ICR_RXO} raised. Transmit:
 * the driver fills descriptors and advances {@link #TDT}; the device sends each descriptor from
 * {@link #TDH} on (one whole frame per descriptor, padded to 60 bytes), writes back
 * {@link #TXD_STAT_DD}, advances TDH, and raises {@link #ICR_TXDW}.
 */
public final class TestNicRegs {
    /** Red Hat's vendor ID, whose 0x00xx device range QEMU uses for its own devices. */
    public static final int VENDOR_ID = 0x1B36;
    /**
     * Device ID 0x00f0: not assigned in QEMU's {@code docs/specs/pci-ids.rst} (read in
     * qemu/qemu at 0c0e21d1, which lists 0x0001–0x0012 and 0x0100; later patches add 0x0013–0x0015),
     * chosen far from the sequential allocations. It is not an official assignment: the device
     * exists only in this simulator.
     */
    public static final int DEVICE_ID = 0x00F0;
    public static final int REVISION = 0x01;
    /** {@code PCI_CLASS_NETWORK_ETHERNET}, prog-if 0. */
    public static final int CLASS_CODE = 0x020000;
    /** QEMU's subsystem IDs for its emulated devices. */
    public static final int SUBSYSTEM_VENDOR_ID = 0x1AF4;
    public static final int SUBSYSTEM_ID = 0x1100;

    /** BAR0: registers, 4 KiB of MMIO. */
    public static final int BAR_REGS = 0;
    public static final long BAR0_SIZE = 4096;
    /** BAR1: MSI-X table at 0 and PBA at {@link #MSIX_PBA_OFFSET}, owned by the PCI core. */
    public static final int BAR_MSIX = 1;
    public static final long BAR1_SIZE = 4096;
    public static final long MSIX_PBA_OFFSET = 0x800;
    /** MSI-X vectors: 0 for queue causes by default, 1 for the others if {@link #IVAR} routes them there. */
    public static final int MSIX_VECTORS = 2;
    public static final int MSI_CAP_OFFSET = 0x50;
    public static final int MSIX_CAP_OFFSET = 0x70;

    // ---- general -------------------------------------------------------------------------------
    /** Device control: {@link #CTRL_RXEN}, {@link #CTRL_TXEN}, {@link #CTRL_RST}. */
    public static final int CTRL = 0x000;
    /** Device status, read-only: {@link #STATUS_LU}. */
    public static final int STATUS = 0x008;

    public static final int CTRL_RXEN = 1 << 0;
    public static final int CTRL_TXEN = 1 << 1;
    /** Self-clearing: resets every register to its power-on value (the MAC address is reloaded). */
    public static final int CTRL_RST = 1 << 26;
    /** Link up (e1000's STATUS.LU). */
    public static final int STATUS_LU = 1 << 1;

    // ---- interrupts ----------------------------------------------------------------------------
    public static final int ICR = 0x0C0;
    public static final int ICS = 0x0C8;
    public static final int IMS = 0x0D0;
    public static final int IMC = 0x0D8;
    /**
     * MSI-X routing: bits 3:0 the vector of the queue causes ({@link #ICR_RXT0}, {@link #ICR_TXDW}),
     * bits 11:8 the vector of the other causes ({@link #ICR_LSC}, {@link #ICR_RXO}). Power-on 0: all
     * on vector 0. A vector beyond the table sends nothing.
     */
    public static final int IVAR = 0x0E4;

    /** Transmit descriptor written back. */
    public static final int ICR_TXDW = 0x01;
    /** Link status change. */
    public static final int ICR_LSC = 0x04;
    /** Receiver overrun: a frame was missed because no descriptor was free. */
    public static final int ICR_RXO = 0x40;
    /** Receive timer: a frame was stored (no delay timer, so: at once). */
    public static final int ICR_RXT0 = 0x80;
    public static final int ICR_ALL = ICR_TXDW | ICR_LSC | ICR_RXO | ICR_RXT0;

    // ---- receive ring --------------------------------------------------------------------------
    public static final int RDBAL = 0x100;
    public static final int RDBAH = 0x104;
    /** Ring length in bytes: a multiple of 128 (8 descriptors), at most {@link #RING_MAX_BYTES}. */
    public static final int RDLEN = 0x108;
    public static final int RDH = 0x110;
    public static final int RDT = 0x118;

    // ---- transmit ring -------------------------------------------------------------------------
    public static final int TDBAL = 0x200;
    public static final int TDBAH = 0x204;
    public static final int TDLEN = 0x208;
    public static final int TDH = 0x210;
    public static final int TDT = 0x218;

    // ---- station address -----------------------------------------------------------------------
    /** Octets 0..3 of the MAC address, octet 0 in bits 7:0. */
    public static final int RAL = 0x400;
    /** Octets 4..5 in bits 15:0, bit 31 address valid. */
    public static final int RAH = 0x404;
    public static final int RAH_AV = 1 << 31;

    // ---- statistics: 32 bits, cleared when read ------------------------------------------------
    /** Missed frames: no free descriptor, receiver disabled or unable to DMA, or link down. */
    public static final int MPC = 0x600;
    /** Good frames received (stored in the ring). */
    public static final int GPRC = 0x604;
    /** Good frames transmitted. */
    public static final int GPTC = 0x608;
    /** Receive errors: frames shorter than an Ethernet header or longer than a buffer. */
    public static final int RXERRC = 0x60C;

    // ---- descriptors ---------------------------------------------------------------------------
    /** Both descriptor kinds are 16 bytes, little-endian. */
    public static final int DESC_SIZE = 16;
    public static final int RING_ALIGN_BYTES = 128;
    public static final int RING_MAX_BYTES = 1 << 20;
    /** Every receive buffer is this long (e1000's default RCTL.BSIZE). */
    public static final int RX_BUFFER_SIZE = 2048;
    /** Longest frame one transmit descriptor may carry. */
    public static final int TX_MAX_FRAME = 2048;
    /** Frames shorter than this are padded with zeros on transmit. */
    public static final int MIN_FRAME = 60;

    /** Receive descriptor: buffer address (64 bits) at 0. */
    public static final int RXD_ADDR = 0;
    /** Receive descriptor: frame length (16 bits) at 8, written back. */
    public static final int RXD_LENGTH = 8;
    /** Receive descriptor: status byte at 12, written back. */
    public static final int RXD_STATUS = 12;
    /** Receive descriptor: error byte at 13 (always 0 here). */
    public static final int RXD_ERRORS = 13;
    public static final int RXD_STAT_DD = 0x01;
    public static final int RXD_STAT_EOP = 0x02;

    /** Transmit descriptor: buffer address (64 bits) at 0. */
    public static final int TXD_ADDR = 0;
    /** Transmit descriptor: frame length (16 bits) at 8. */
    public static final int TXD_LENGTH = 8;
    /** Transmit descriptor: command byte at 11 ({@link #TXD_CMD_EOP}, {@link #TXD_CMD_RS}; informative here). */
    public static final int TXD_CMD = 11;
    /** Transmit descriptor: status byte at 12, written back. */
    public static final int TXD_STATUS = 12;
    public static final int TXD_CMD_EOP = 0x01;
    public static final int TXD_CMD_RS = 0x08;
    public static final int TXD_STAT_DD = 0x01;

    private TestNicRegs() {}
}
