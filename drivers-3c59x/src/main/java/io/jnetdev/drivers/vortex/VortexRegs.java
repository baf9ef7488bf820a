package io.jnetdev.drivers.vortex;

/**
 * The driver's own names for the 3c59x registers, commands and bits (the enums at the top of
 * Linux's {@code 3c59x.c}: {@code vortex_cmd}, {@code vortex_status}, {@code Window0..7},
 * {@code MasterCtrl}, the descriptor bits). Values from {@code nic-facts.md} section B; the
 * driver never sees the model's copy.
 */
final class VortexRegs {
    private VortexRegs() {}

    // ---- PCI identity (B.1) --------------------------------------------------------------------
    static final int VENDOR_3COM = 0x10B7;
    /** {@code VORTEX_TOTAL_SIZE}, {@code BOOMERANG_TOTAL_SIZE}: registers the driver uses. */
    static final int VORTEX_TOTAL_SIZE = 0x20;
    static final int BOOMERANG_TOTAL_SIZE = 0x40;

    // ---- command/status register (B.2) ---------------------------------------------------------
    /** {@code EL3_CMD} (write) and {@code EL3_STATUS} (read): one 16-bit register in every window. */
    static final int EL3_CMD = 0x0E;
    static final int EL3_STATUS = 0x0E;

    // commands: code << 11, argument in bits 10:0
    static final int TOTAL_RESET = 0 << 11;
    static final int SELECT_WINDOW = 1 << 11;
    static final int START_COAX = 2 << 11;
    static final int RX_DISABLE = 3 << 11;
    static final int RX_ENABLE = 4 << 11;
    static final int RX_RESET = 5 << 11;
    static final int UP_STALL = 6 << 11;
    static final int UP_UNSTALL = (6 << 11) + 1;
    static final int DOWN_STALL = (6 << 11) + 2;
    static final int DOWN_UNSTALL = (6 << 11) + 3;
    static final int RX_DISCARD = 8 << 11;
    static final int TX_ENABLE = 9 << 11;
    static final int TX_DISABLE = 10 << 11;
    static final int TX_RESET = 11 << 11;
    static final int FAKE_INTR = 12 << 11;
    static final int ACK_INTR = 13 << 11;
    static final int SET_INTR_ENB = 14 << 11;
    static final int SET_STATUS_ENB = 15 << 11;
    static final int SET_RX_FILTER = 16 << 11;
    static final int SET_RX_THRESHOLD = 17 << 11;
    static final int SET_TX_THRESHOLD = 18 << 11;
    static final int SET_TX_START = 19 << 11;
    static final int STATS_ENABLE = 21 << 11;
    static final int STATS_DISABLE = 22 << 11;
    static final int STOP_COAX = 23 << 11;

    // SetRxFilter classes
    static final int RX_STATION = 1;
    static final int RX_MULTICAST = 2;
    static final int RX_BROADCAST = 4;
    static final int RX_PROM = 8;

    // ---- status bits (B.3), the same positions for AckIntr / SetIntrEnb / SetStatusEnb ----------
    static final int INT_LATCH = 0x0001;
    static final int HOST_ERROR = 0x0002;
    static final int TX_COMPLETE = 0x0004;
    static final int TX_AVAILABLE = 0x0008;
    static final int RX_COMPLETE = 0x0010;
    static final int RX_EARLY = 0x0020;
    static final int INT_REQ = 0x0040;
    static final int STATS_FULL = 0x0080;
    static final int DMA_DONE = 1 << 8;
    static final int DOWN_COMPLETE = 1 << 9;
    static final int UP_COMPLETE = 1 << 10;
    static final int DMA_IN_PROGRESS = 1 << 11;
    static final int CMD_IN_PROGRESS = 1 << 12;
    /** The bits AckIntr takes: its 11-bit argument. */
    static final int ACK_MASK = 0x07FF;
    /** The sources {@code vortex_error} handles, all at once. */
    static final int UNCOMMON = HOST_ERROR | RX_EARLY | STATS_FULL | TX_COMPLETE | INT_REQ;

    // ---- window 1 (always visible at 0x10-0x1F on the Vortex) (B.4) -----------------------------
    static final int TX_FIFO = 0x10;
    static final int RX_FIFO = 0x10;
    static final int RX_ERRORS = 0x14;
    static final int RX_STATUS = 0x18;
    static final int TIMER = 0x1A;
    static final int TX_STATUS = 0x1B;
    static final int TX_FREE = 0x1C;

    // ---- window 0: EEPROM -----------------------------------------------------------------------
    static final int WN0_EEPROM_CMD = 0x0A;
    static final int WN0_EEPROM_DATA = 0x0C;
    static final int EEPROM_READ = 0x80;
    /** Bit 15 of the EEPROM command register: a read or write is in progress. */
    static final int EEPROM_BUSY = 0x8000;

    // ---- window 2: station address --------------------------------------------------------------
    static final int WN2_RESET_OPTIONS = 0x0C;

    // ---- window 3: configuration ----------------------------------------------------------------
    static final int WN3_CONFIG = 0x00;
    static final int WN3_MAX_PKT_SIZE = 0x04;
    static final int WN3_MAC_CTRL = 0x06;
    static final int WN3_OPTIONS = 0x08;
    static final int MAC_CTRL_FULL_DUPLEX = 0x20;
    static final int MAC_CTRL_LARGE_FRAMES = 0x40;

    // ---- window 4: diagnostics and media --------------------------------------------------------
    static final int WN4_FIFO_DIAG = 0x04;
    static final int WN4_NET_DIAG = 0x06;
    static final int WN4_PHYSICAL_MGMT = 0x08;
    static final int WN4_MEDIA = 0x0A;
    static final int WN4_BAD_SSD = 0x0C;
    static final int WN4_UPPER_BYTES = 0x0D;
    static final int MEDIA_SQE = 0x0008;
    static final int MEDIA_10TP = 0x00C0;
    static final int MEDIA_LNK = 0x0080;
    static final int MEDIA_LNK_BEAT = 0x0800;
    /** Net diagnostic: the upper-bytes and extra statistics enable. */
    static final int NET_DIAG_UPPER_BYTES_ENABLE = 0x0040;

    // ---- window 5: read-back of the enables -----------------------------------------------------
    static final int WN5_RX_FILTER = 0x08;
    static final int WN5_INTR_ENABLE = 0x0A;
    static final int WN5_STATUS_ENABLE = 0x0C;

    // ---- window 6: statistics, read-to-clear ----------------------------------------------------
    static final int WN6_CARRIER_LOST = 0x00;
    static final int WN6_SQE_ERRORS = 0x01;
    static final int WN6_MULTIPLE_COLLISIONS = 0x02;
    static final int WN6_SINGLE_COLLISIONS = 0x03;
    static final int WN6_LATE_COLLISIONS = 0x04;
    static final int WN6_RX_OVERRUNS = 0x05;
    static final int WN6_FRAMES_XMITTED_OK = 0x06;
    static final int WN6_FRAMES_RCVD_OK = 0x07;
    static final int WN6_FRAMES_DEFERRED = 0x08;
    static final int WN6_UPPER_FRAMES_OK = 0x09;
    static final int WN6_BYTES_RCVD_OK = 0x0A;
    static final int WN6_BYTES_XMITTED_OK = 0x0C;

    // ---- window 7 -------------------------------------------------------------------------------
    static final int WN7_VLAN_ETHER_TYPE = 0x04;

    // ---- Boomerang bus-master registers, not windowed (B.5) --------------------------------------
    static final int PKT_STATUS = 0x20;
    static final int DOWN_LIST_PTR = 0x24;
    static final int TX_FREE_THRESHOLD = 0x2F;
    static final int UP_PKT_STATUS = 0x30;
    static final int UP_LIST_PTR = 0x38;

    // ---- descriptors (B.6): UPD and DPD, little-endian -------------------------------------------
    static final int DESC_NEXT = 0;
    static final int DESC_STATUS = 4;
    static final int DESC_FRAG_ADDR = 8;
    static final int DESC_FRAG_LEN = 12;
    /** Bytes per descriptor as the driver lays them out: next, status, one fragment. */
    static final int DESC_SIZE = 16;
    static final int LAST_FRAG = 0x8000_0000;
    // UPD status
    static final int UP_PKT_LEN_MASK = 0x1FFF;
    static final int RXD_ERROR = 0x4000;
    static final int RXD_COMPLETE = 0x8000;
    // DPD frame start header
    static final int TXD_COMPLETE = 0x8000;
    static final int DN_COMPLETE = 0x0001_0000;
    /** {@code TxIntrUploaded}: request DownComplete when this DPD has been downloaded. */
    static final int TX_INTR_UPLOADED = 0x8000_0000;

    // ---- PIO receive and transmit status (B.7) ---------------------------------------------------
    static final int RX_STATUS_INCOMPLETE = 0x8000;
    static final int RX_STATUS_ERROR = 0x4000;
    static final int RX_ERR_OVERRUN = 0x01;
    static final int RX_ERR_RUNT = 0x02;
    static final int RX_ERR_ALIGNMENT = 0x04;
    static final int RX_ERR_CRC = 0x08;
    static final int RX_ERR_OVERSIZE = 0x10;
    static final int TX_STATUS_JABBER_UNDERRUN = 0x30;
    static final int TX_STATUS_MAX_COLLISIONS = 0x08;
    static final int TX_STATUS_COMPLETE = 0x80;

    // ---- EEPROM words (B.8) ----------------------------------------------------------------------
    static final int EEPROM_WORDS = 0x40;
    static final int EE_NODE_ADDR = 10;
    static final int EE_PRODUCT_CODE = 6;
    static final int EE_MFG_DATE = 4;
    static final int EE_SOFTWARE_INFO1 = 13;
    static final int EE_SOFTWARE_INFO2 = 15;
    static final int EE_CAPABILITIES = 16;
    static final int CAP_BUS_MASTER = 0x20;
    static final int CAP_PWR_MGMT = 0x2000;

    // ---- transceivers ({@code xcvr_types}) --------------------------------------------------------
    static final int XCVR_10BASE_T = 0;
    static final int XCVR_AUI = 1;
    static final int XCVR_10BASE2 = 3;
    static final int XCVR_100BASE_TX = 4;
    static final int XCVR_100BASE_FX = 5;
    static final int XCVR_MII = 6;
    static final int XCVR_NWAY = 8;
    static final int XCVR_EXT_MII = 9;
    static final int XCVR_DEFAULT = 10;

    /** Window-3 config: the transceiver field (bits 23:20) and the autoselect bit (24). */
    static int xcvr(int config) {
        return (config >>> 20) & 0xF;
    }

    static boolean autoselect(int config) {
        return ((config >>> 24) & 1) != 0;
    }

    static int withXcvr(int config, int xcvr) {
        return (config & ~(0xF << 20)) | ((xcvr & 0xF) << 20);
    }

    /** Ring sizes and buffer size ({@code TX_RING_SIZE}, {@code RX_RING_SIZE}, {@code PKT_BUF_SZ}). */
    static final int TX_RING_SIZE = 16;
    static final int RX_RING_SIZE = 32;
    static final int PKT_BUF_SZ = 1536;
}
