package io.jnetdev.hw.models.vortex;

/**
 * Register map of the 3Com Vortex/Boomerang family as the models implement it: I/O offsets, window
 * registers, commands, status bits, descriptor layouts and EEPROM words, under the names Linux's
 * {@code drivers/net/ethernet/3com/3c59x.c} gives them (BSD names where Linux has none). Every value
 * comes from {@code nic-facts.md} section B (the table is named in each group); the driver keeps its
 * own copy of these numbers, so the two can disagree and a test can catch it.
 */
public final class VortexRegs {
    private VortexRegs() {}

    // ---- B.1 PCI identity --------------------------------------------------------------------------
    public static final int VENDOR_ID = 0x10B7;
    /** {@code PCI_CLASS_NETWORK_ETHERNET}, prog-if 0. */
    public static final int CLASS_CODE = 0x020000;
    /** BAR0: the I/O-port registers (32 bytes on the Vortex, 128 on Cyclone/Tornado). */
    public static final int BAR_IO = 0;
    /** BAR1 (Cyclone/Tornado): a memory-mapped copy of the same registers. */
    public static final int BAR_MEM = 1;

    // ---- B.2 command/status register ---------------------------------------------------------------
    /** Command register (write, 16-bit), valid in every window. */
    public static final int EL3_CMD = 0x0E;
    /** Status register (read, 16-bit), same address. */
    public static final int EL3_STATUS = 0x0E;
    /** Commands are {@code code << 11}; the argument is bits 10:0. */
    public static final int CMD_SHIFT = 11;
    public static final int CMD_ARG_MASK = 0x07FF;

    public static final int TotalReset = 0 << 11;
    public static final int SelectWindow = 1 << 11;
    public static final int StartCoax = 2 << 11;
    public static final int RxDisable = 3 << 11;
    public static final int RxEnable = 4 << 11;
    public static final int RxReset = 5 << 11;
    public static final int UpStall = 6 << 11;
    public static final int UpUnstall = (6 << 11) + 1;
    public static final int DownStall = (6 << 11) + 2;
    public static final int DownUnstall = (6 << 11) + 3;
    public static final int RxDiscard = 8 << 11;
    public static final int TxEnable = 9 << 11;
    public static final int TxDisable = 10 << 11;
    public static final int TxReset = 11 << 11;
    public static final int FakeIntr = 12 << 11;
    public static final int AckIntr = 13 << 11;
    public static final int SetIntrEnb = 14 << 11;
    public static final int SetStatusEnb = 15 << 11;
    public static final int SetRxFilter = 16 << 11;
    public static final int SetRxThreshold = 17 << 11;
    public static final int SetTxThreshold = 18 << 11;
    public static final int SetTxStart = 19 << 11;
    public static final int StartDMAUp = 20 << 11;
    public static final int StartDMADown = (20 << 11) + 1;
    public static final int StatsEnable = 21 << 11;
    public static final int StatsDisable = 22 << 11;
    public static final int StopCoax = 23 << 11;
    /** 3c905B (BSD {@code XL_CMD_SET_TX_RECLAIM}). */
    public static final int SetTxReclaim = 24 << 11;
    /** 3c905B hash filter: argument 0x400 sets, low 8 bits the index. */
    public static final int SetFilterBit = 25 << 11;

    /** SetRxFilter argument bits ({@code enum RxFilter}). */
    public static final int RxStation = 1;
    public static final int RxMulticast = 2;
    public static final int RxBroadcast = 4;
    public static final int RxProm = 8;
    /** 3c905B multicast hash filter enable. */
    public static final int RxMultiHash = 0x10;

    // ---- B.3 status bits (EL3_STATUS, AckIntr, SetIntrEnb, SetStatusEnb) -----------------------------
    public static final int IntLatch = 0x0001;
    public static final int HostError = 0x0002;
    public static final int TxComplete = 0x0004;
    public static final int TxAvailable = 0x0008;
    public static final int RxComplete = 0x0010;
    public static final int RxEarly = 0x0020;
    public static final int IntReq = 0x0040;
    public static final int StatsFull = 0x0080;
    public static final int DMADone = 0x0100;
    public static final int DownComplete = 0x0200;
    public static final int UpComplete = 0x0400;
    public static final int DMAInProgress = 0x0800;
    public static final int CmdInProgress = 0x1000;
    /** Bits 15:13 of EL3_STATUS show the selected window. */
    public static final int WINDOW_SHIFT = 13;
    /** The cause bits the status-enable and interrupt-enable masks act on (bits 1..10). */
    public static final int CAUSES = 0x07FE;

    // ---- B.4 window 0 -----------------------------------------------------------------------------
    public static final int Wn0ManufacturerId = 0x00;
    public static final int Wn0ProductId = 0x02;
    public static final int Wn0ConfigControl = 0x04;
    public static final int Wn0AddressConfig = 0x06;
    public static final int Wn0ResourceConfig = 0x08;
    public static final int Wn0EepromCmd = 0x0A;
    public static final int Wn0EepromData = 0x0C;
    public static final int EEPROM_Read = 0x80;
    public static final int EEPROM_WRITE = 0x40;
    public static final int EEPROM_ERASE = 0xC0;
    public static final int EEPROM_EWENB = 0x30;
    public static final int EEPROM_EWDIS = 0x00;
    /** Bit 15 of the EEPROM command register: a command is in progress. */
    public static final int EEPROM_BUSY = 0x8000;

    // ---- B.4 window 1 (permanently at 0x10..0x1F) ----------------------------------------------------
    public static final int TX_FIFO = 0x10;
    public static final int RX_FIFO = 0x10;
    public static final int RxErrors = 0x14;
    public static final int RxStatus = 0x18;
    public static final int Timer = 0x1A;
    public static final int TxStatus = 0x1B;
    public static final int TxFree = 0x1C;

    /** RxStatus (B.7): bit 15 incomplete (no packet ready), bit 14 error, 12:0 length. */
    public static final int RX_STATUS_INCOMPLETE = 0x8000;
    public static final int RX_STATUS_ERROR = 0x4000;
    public static final int RX_STATUS_LEN_MASK = 0x1FFF;
    /** RxErrors bits (B.7); the same values are bits 23:16 of a UPD's status (B.6). */
    public static final int RX_ERR_OVERRUN = 0x01;
    public static final int RX_ERR_RUNT = 0x02;
    public static final int RX_ERR_ALIGNMENT = 0x04;
    public static final int RX_ERR_CRC = 0x08;
    public static final int RX_ERR_OVERSIZE = 0x10;
    public static final int RX_ERR_DRIBBLE = 0x20;

    /** TxStatus bits (B.7). */
    public static final int TX_STATUS_RECLAIM_ERROR = 0x02;
    public static final int TX_STATUS_OVERFLOW = 0x04;
    public static final int TX_STATUS_MAX_COLLISIONS = 0x08;
    public static final int TX_STATUS_UNDERRUN = 0x10;
    public static final int TX_STATUS_JABBER = 0x20;
    public static final int TX_STATUS_INTERRUPT_REQUESTED = 0x40;
    public static final int TX_STATUS_COMPLETE = 0x80;
    /** The PIO transmit preamble dword: bits 12:0 length, bit 15 request TxComplete when sent. */
    public static final int TX_PREAMBLE_LEN_MASK = 0x1FFF;
    public static final int TX_PREAMBLE_INTERRUPT = 0x8000;

    // ---- B.4 window 2 -----------------------------------------------------------------------------
    public static final int Wn2_StationAddress = 0x00;
    public static final int Wn2_StationMask = 0x06;
    public static final int Wn2_ResetOptions = 0x0C;

    // ---- B.4 window 3 -----------------------------------------------------------------------------
    public static final int Wn3_Config = 0x00;
    public static final int Wn3_MaxPktSize = 0x04;
    public static final int Wn3_MAC_Ctrl = 0x06;
    public static final int Wn3_Options = 0x08;
    public static final int Wn3_FreeRx = 0x0A;
    public static final int Wn3_FreeTx = 0x0C;
    /** Internal config fields: RAM size 2:0 (8 KiB &lt;&lt; n), RAM width 3, RAM split 17:16, XCVR 23:20, autoselect 24. */
    public static final int CONFIG_XCVR_SHIFT = 20;
    public static final int CONFIG_AUTOSELECT = 1 << 24;
    /** MAC control bits. */
    public static final int MAC_CTRL_FULL_DUPLEX = 0x20;
    public static final int MAC_CTRL_LARGE_PACKETS = 0x40;
    /** Media options (available transceivers). */
    public static final int MEDIA_OPT_BT4 = 0x01;
    public static final int MEDIA_OPT_BTX = 0x02;
    public static final int MEDIA_OPT_BFX = 0x04;
    public static final int MEDIA_OPT_10BT = 0x08;
    public static final int MEDIA_OPT_MII = 0x40;
    /** Transceiver codes ({@code enum xcvr_types}). */
    public static final int XCVR_100baseTx = 4;
    public static final int XCVR_NWAY = 8;

    // ---- B.4 window 4 -----------------------------------------------------------------------------
    public static final int Wn4_FIFODiag = 0x04;
    public static final int Wn4_NetDiag = 0x06;
    public static final int Wn4_PhysicalMgmt = 0x08;
    public static final int Wn4_Media = 0x0A;
    public static final int Wn4_BadSSD = 0x0C;
    public static final int Wn4_UpperBytesOk = 0x0D;
    public static final int Media_SQE = 0x0008;
    public static final int Media_10TP = 0x00C0;
    public static final int Media_Lnk = 0x0080;
    public static final int Media_LnkBeat = 0x0800;
    /** NetDiag: upper-bytes / extra statistics enable. */
    public static final int NET_DIAG_UPPER_BYTES_ENABLE = 0x0040;
    /** Physical management (bit-banged MDIO). */
    public static final int MDIO_SHIFT_CLK = 0x01;
    public static final int MDIO_DATA = 0x02;
    public static final int MDIO_DIR_WRITE = 0x04;

    // ---- B.4 window 5 (read-back of the command-set thresholds and masks) ------------------------------
    public static final int Wn5_TxStartThresh = 0x00;
    public static final int Wn5_TxAvailThresh = 0x02;
    public static final int Wn5_RxEarlyThresh = 0x06;
    public static final int Wn5_RxFilter = 0x08;
    public static final int Wn5_TxReclaimThresh = 0x09;
    public static final int Wn5_IntrEnable = 0x0A;
    public static final int Wn5_StatusEnable = 0x0C;

    // ---- B.4 window 6 (statistics, read-to-clear) ---------------------------------------------------
    public static final int Wn6_CarrierLost = 0x00;
    public static final int Wn6_SqeErrors = 0x01;
    public static final int Wn6_MultipleCollisions = 0x02;
    public static final int Wn6_SingleCollisions = 0x03;
    public static final int Wn6_LateCollisions = 0x04;
    public static final int Wn6_RxOverruns = 0x05;
    public static final int Wn6_FramesXmittedOk = 0x06;
    public static final int Wn6_FramesRcvdOk = 0x07;
    public static final int Wn6_FramesDeferred = 0x08;
    public static final int Wn6_UpperFramesOk = 0x09;
    public static final int Wn6_BytesRcvdOk = 0x0A;
    public static final int Wn6_BytesXmittedOk = 0x0C;

    // ---- B.4 window 7 (Vortex single-region bus master; Cyclone/Tornado VLAN type) -------------------------
    public static final int Wn7_MasterAddr = 0x00;
    public static final int Wn7_VlanEtherType = 0x04;
    public static final int Wn7_MasterLen = 0x06;
    public static final int Wn7_MasterStatus = 0x0C;
    /** MasterStatus: upload busy; download done (write it to acknowledge). */
    public static final int MASTER_UPLOAD_BUSY = 0x8000;
    public static final int MASTER_DOWNLOAD_DONE = 0x1000;

    // ---- B.5 Boomerang+ bus-master registers -----------------------------------------------------------
    public static final int PktStatus = 0x20;
    public static final int DownListPtr = 0x24;
    public static final int FragAddr = 0x28;
    public static final int FragLen = 0x2C;
    public static final int DownPoll = 0x2D;
    public static final int TxFreeThreshold = 0x2F;
    public static final int UpPktStatus = 0x30;
    public static final int UpListPtr = 0x38;
    public static final int UpPoll = 0x3D;
    /** PktStatus (DMA control) bits (BSD {@code XL_DMACTL_*}). */
    public static final int DMACTL_DN_CMPLT_REQ = 0x2;
    public static final int DMACTL_DOWN_STALLED = 0x4;
    public static final int DMACTL_UP_CMPLT = 0x8;
    public static final int DMACTL_DOWN_CMPLT = 0x10;
    public static final int DMACTL_UP_RX_EARLY = 0x20;
    public static final int DMACTL_ARM_COUNTDOWN = 0x40;
    public static final int DMACTL_DOWN_INPROG = 0x80;
    public static final int DMACTL_COUNTER_SPEED = 0x100;
    public static final int DMACTL_DOWNDOWN_MODE = 0x200;
    public static final int DMACTL_TARGET_ABORT = 0x4000_0000;
    public static final int DMACTL_MASTER_ABORT = 0x8000_0000;
    /** UpPktStatus bits. */
    public static final int UP_STALLED = 0x2000;
    public static final int UP_ERROR = 0x4000;
    public static final int UP_CMPLT = 0x8000;

    // ---- B.6 descriptors ----------------------------------------------------------------------------
    /** Both descriptors: next pointer at 0, status/header at 4, fragments from 8 (addr, len) × n. */
    public static final int DESC_NEXT = 0;
    public static final int DESC_STATUS = 4;
    public static final int DESC_FRAGS = 8;
    public static final int LAST_FRAG = 0x8000_0000;
    public static final int FRAG_LEN_MASK = 0x1FFF;
    public static final int MAX_FRAGS = 63;
    /** UPD status. */
    public static final int RxDComplete = 0x0000_8000;
    public static final int RxDError = 0x4000;
    public static final int UPD_LEN_MASK = 0x1FFF;
    public static final int UPD_ERR_SHIFT = 16;
    /** UPD status bit 24: the frame did not fit the fragments. */
    public static final int UPD_UPLOAD_OVERFLOW = 1 << 24;
    /** DPD frame start header. */
    public static final int DPD_LEN_MASK = 0x1FFF;
    public static final int CRCDisable = 0x2000;
    /** Bit 15: request TxComplete when the frame has been transmitted ("TX indicate"). */
    public static final int TxDComplete = 0x8000;
    /** Bit 16: set by the card once the frame has been downloaded. */
    public static final int DN_COMPLETE = 0x0001_0000;
    /** Bit 31: raise DownComplete once downloaded ("TxIntrUploaded"). */
    public static final int TxIntrUploaded = 0x8000_0000;

    // ---- B.8 EEPROM ---------------------------------------------------------------------------------
    public static final int EEPROM_WORDS = 64;
    public static final int EE_PHYS_ADDR = 0;
    public static final int EE_PRODUCT_ID = 3;
    public static final int EE_MFG_DATE = 4;
    public static final int EE_ETHERLINK3_ID = 7;
    public static final int EE_NODE_ADDR = 10;
    public static final int EE_SOFTWARE_INFO1 = 13;
    public static final int EE_SOFTWARE_INFO2 = 15;
    public static final int EE_CAPABILITIES = 16;
    /** The word this model keeps the B.8 checksum in: the last of the words 0x00..0x17 it covers. */
    public static final int EE_CHECKSUM = 0x17;
    /** Capabilities word bits. */
    public static final int CAP_PNP = 0x0001;
    public static final int CAP_FULL_DUPLEX = 0x0002;
    public static final int CAP_LARGE_PACKETS = 0x0004;
    public static final int CapBusMaster = 0x0020;
    public static final int CAP_FRAG_BUS_MASTER = 0x0040;
    public static final int CAP_100MBPS = 0x1000;
    public static final int CapPwrMgmt = 0x2000;
    /** Software info 1 bit 15: full-duplex capable. */
    public static final int INFO1_FULL_DUPLEX = 0x8000;

    // ---- Ethernet ----------------------------------------------------------------------------------------
    public static final int ETH_ZLEN = 60;
    /** Longest frame (without FCS) accepted without "large packets": 1514 + a 4-byte VLAN tag. */
    public static final int MAX_FRAME = 1518;
    /** With large packets allowed: the 13-bit length fields' limit. */
    public static final int MAX_LARGE_FRAME = 0x1FFF;
    /** Line rate of both modelled parts. */
    public static final long LINE_RATE = 100_000_000L;
}
