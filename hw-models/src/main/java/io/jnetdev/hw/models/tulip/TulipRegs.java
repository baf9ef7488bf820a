package io.jnetdev.hw.models.tulip;

/**
 * Register map of the DEC 21140 and 21143 as the model implements it: CSR offsets, bit masks and
 * descriptor layouts, named as Linux's {@code drivers/net/ethernet/dec/tulip/tulip.h} names them
 * where it has a name ({@code RxNoBuf}, {@code TxOn}, {@code DescOwned}), else by the data-sheet
 * mnemonic the facts file gives. Every value comes from {@code nic-facts.md} section C (the row is
 * named in each group); the driver keeps its own copy of these numbers, so the two can disagree and
 * a test can catch it.
 */
public final class TulipRegs {
    // ---- C.1 PCI identity and BARs -----------------------------------------------------------------
    public static final int VENDOR_ID = 0x1011;
    /** 21140(A), Linux chip DC21140 ("TULIP_FAST"). */
    public static final int DEVICE_ID_21140 = 0x0009;
    /** 21142/21143, Linux chip DC21142 == DC21143. */
    public static final int DEVICE_ID_21143 = 0x0019;
    /** {@code PCI_CLASS_NETWORK_ETHERNET}, prog-if 0. */
    public static final int CLASS_CODE = 0x020000;
    /** The subsystem QEMU's 21143 shows (C.1). */
    public static final int SUBSYSTEM_VENDOR_ID_21143 = 0x103C;
    public static final int SUBSYSTEM_ID_21143 = 0x104F;
    /** BAR0 (CBIO): the CSRs in I/O space. */
    public static final int BAR_IO = 0;
    /** BAR1 (CBMA): the same CSRs in memory space. */
    public static final int BAR_MEM = 1;
    /** Both BARs decode 128 bytes: sixteen CSRs on 8-byte spacing. */
    public static final long BAR_SIZE = 128;

    // ---- C.2 CSR offsets ---------------------------------------------------------------------------
    public static final int CSR0 = 0x00;
    public static final int CSR1 = 0x08;
    public static final int CSR2 = 0x10;
    public static final int CSR3 = 0x18;
    public static final int CSR4 = 0x20;
    public static final int CSR5 = 0x28;
    public static final int CSR6 = 0x30;
    public static final int CSR7 = 0x38;
    public static final int CSR8 = 0x40;
    public static final int CSR9 = 0x48;
    public static final int CSR10 = 0x50;
    public static final int CSR11 = 0x58;
    public static final int CSR12 = 0x60;
    public static final int CSR13 = 0x68;
    public static final int CSR14 = 0x70;
    public static final int CSR15 = 0x78;

    /** The CSR number of a byte offset (offset / 8). */
    static int csrIndex(int offset) {
        return offset >>> 3;
    }

    // ---- C.3 CSR0 bus mode -------------------------------------------------------------------------
    /** SWR software reset. */
    public static final int CSR0_SWR = 0x0000_0001;
    /** DSL descriptor skip length, longwords between ring descriptors, bits 6:2. */
    public static final int CSR0_DSL_SHIFT = 2;
    public static final int CSR0_DSL_MASK = 0x1F;
    /** DBO descriptor byte ordering: big-endian descriptors (buffers stay as they are). */
    public static final int CSR0_DBO = 0x0010_0000;
    /** TAP transmit auto-poll, bits 19:17. */
    public static final int CSR0_TAP_SHIFT = 17;
    /** CSR0 after reset (QEMU's reset value, C.6). */
    public static final int CSR0_RESET = 0xFE00_0000;

    // ---- C.4 CSR5 status / CSR7 enables (Linux enum status_bits) ----------------------------------
    /** TI: a descriptor with IC completed. */
    public static final int TxIntr = 0x0000_0001;
    /** TPS: transmit process stopped. */
    public static final int TxDied = 0x0000_0002;
    /** TU: next transmit descriptor host-owned, transmission suspended. */
    public static final int TxNoBuf = 0x0000_0004;
    /** TJT: transmit jabber timeout. */
    public static final int TxJabber = 0x0000_0008;
    /** LNP/ANC: link pass / autonegotiation complete. */
    public static final int TPLnkPass = 0x0000_0010;
    /** UNF: transmit underflow. */
    public static final int TxFIFOUnderflow = 0x0000_0020;
    /** RI: a frame was received. */
    public static final int RxIntr = 0x0000_0040;
    /** RU: next receive descriptor host-owned, reception suspended. */
    public static final int RxNoBuf = 0x0000_0080;
    /** RPS: receive process stopped. */
    public static final int RxDied = 0x0000_0100;
    /** RWT: receive watchdog timeout. */
    public static final int RxJabber = 0x0000_0200;
    /** ETI: early transmit interrupt. */
    public static final int ETI = 0x0000_0400;
    /** GTE: general-purpose timer expired. */
    public static final int TimerInt = 0x0000_0800;
    /** LNF: link fail. */
    public static final int TPLnkFail = 0x0000_1000;
    /** FBE: fatal bus error. */
    public static final int SystemError = 0x0000_2000;
    /** ERI: early receive interrupt. */
    public static final int ERI = 0x0000_4000;
    /** AIS: abnormal interrupt summary. */
    public static final int AbnormalIntr = 0x0000_8000;
    /** NIS: normal interrupt summary. */
    public static final int NormalIntr = 0x0001_0000;
    /** RS receive process state, bits 19:17. */
    public static final int CSR5_RS_SHIFT = 17;
    /** TS transmit process state, bits 22:20. */
    public static final int CSR5_TS_SHIFT = 20;
    /** EB bus error type, bits 25:23: 0 parity, 1 master abort, 2 target abort. */
    public static final int CSR5_EB_SHIFT = 23;
    public static final int CSR5_EB_MASK = 0x0380_0000;
    public static final int EB_MASTER_ABORT = 1;
    /** GPI: general-purpose port interrupt (21142/3). */
    public static final int GPI = 0x0400_0000;
    /** LC: 100BASE-TX link changed (21142/3). */
    public static final int LinkChange = 0x0800_0000;
    /** The bits a CSR5 write clears (bits 0–16, 26, 27). */
    public static final int CSR5_W1C = 0x0C01_FFFF;
    /** QEMU's reset value: bits 31:28 read as one. */
    public static final int CSR5_RESET = 0xF000_0000;

    /** RS values (C.4). */
    public static final int RS_STOPPED = 0;
    public static final int RS_WAIT = 3;
    public static final int RS_SUSPENDED = 4;
    /** TS values (C.4). */
    public static final int TS_STOPPED = 0;
    public static final int TS_WAIT_END = 2;
    public static final int TS_SUSPENDED = 6;

    /** CSR7 bits Linux enables on the 21140 ({@code valid_intrs}, C.4). */
    public static final int VALID_INTRS_21140 = 0x0001_EBEF;
    /** CSR7 bits Linux enables on the 21142/21143. */
    public static final int VALID_INTRS_21143 = 0x0801_FBFF;
    /** CSR7 after reset (QEMU, C.6). */
    public static final int CSR7_RESET = 0xF3FE_0000;

    // ---- C.5 CSR6 operation mode ------------------------------------------------------------------
    /** HP hash/perfect filtering (read-only, set by the setup frame). */
    public static final int CSR6_HP = 0x0000_0001;
    /** SR start/stop receive. */
    public static final int RxOn = 0x0000_0002;
    /** HO hash-only filtering (read-only). */
    public static final int CSR6_HO = 0x0000_0004;
    /** PB pass bad frames. */
    public static final int AcceptRunt = 0x0000_0008;
    /** IF inverse filtering (read-only). */
    public static final int CSR6_IF = 0x0000_0010;
    /** PR promiscuous. */
    public static final int AcceptAllPhys = 0x0000_0040;
    /** PM pass all multicast. */
    public static final int AcceptAllMulticast = 0x0000_0080;
    public static final int FullDuplex = 0x0000_0200;
    /** OM operating mode, bits 11:10: 00 normal, 01 internal loopback, 10 external loopback. */
    public static final int CSR6_OM_MASK = 0x0000_0C00;
    /** ST start/stop transmit. */
    public static final int TxOn = 0x0000_2000;
    /** RA receive all. */
    public static final int CSR6_RA = 0x4000_0000;
    /** The read-only filter-mode bits a setup frame sets. */
    public static final int CSR6_FILTER_RO = CSR6_HP | CSR6_HO | CSR6_IF;
    /** CSR6 after reset (QEMU, C.5). */
    public static final int CSR6_RESET = 0x3200_0040;

    // ---- C.6 CSR8, CSR9, CSR11, CSR12 --------------------------------------------------------------
    /** CSR8 missed-frame count, bits 15:0. */
    public static final int CSR8_MISSED_MASK = 0xFFFF;
    /** CSR8 missed-frame counter overflow. */
    public static final int CSR8_MISSED_OVERFLOW = 0x0001_0000;
    /** CSR8 bits 31:29 read as one (QEMU's reset value 0xE0000000). */
    public static final int CSR8_RESERVED = 0xE000_0000;

    /** CSR9 SROM chip select. */
    public static final int CSR9_SROM_CS = 0x0001;
    /** CSR9 SROM serial clock. */
    public static final int CSR9_SROM_SK = 0x0002;
    /** CSR9 SROM data in (to the SROM). */
    public static final int CSR9_SROM_DI = 0x0004;
    /** CSR9 SROM data out (from the SROM). */
    public static final int CSR9_SROM_DO = 0x0008;
    /** CSR9 SR: serial ROM select. */
    public static final int CSR9_SR = 0x0800;
    /** CSR9 RD: read operation. */
    public static final int CSR9_RD = 0x4000;
    /** CSR9 MII management clock. */
    public static final int CSR9_MDC = 0x0001_0000;
    /** CSR9 MII management data in (from the PHY). */
    public static final int CSR9_MDI = 0x0008_0000;
    /** CSR9 after reset (QEMU, C.6). */
    public static final int CSR9_RESET = 0xFFF4_83FF;

    /** CSR11 general-purpose timer count, bits 15:0. */
    public static final int CSR11_TIMER_MASK = 0xFFFF;
    /** CSR11 CON continuous mode. */
    public static final int CSR11_CON = 0x0001_0000;
    /** CSR11 (21143) RX packets before an interrupt, bits 19:17. */
    public static final int CSR11_NRP_SHIFT = 17;
    /** CSR11 (21143) RX timer, bits 23:20, in cycle-size units. */
    public static final int CSR11_RT_SHIFT = 20;
    /** CSR11 (21143) TX packets before an interrupt, bits 26:24. */
    public static final int CSR11_NTP_SHIFT = 24;
    /** CSR11 (21143) TX timer, bits 30:27, in 16 × cycle-size units. */
    public static final int CSR11_TT_SHIFT = 27;
    /** CSR11 (21143) CS cycle size. */
    public static final int CSR11_CS = 0x8000_0000;
    /** The CSR11 bits the 21140 has: the timer and CON; it has no mitigation fields. */
    public static final int CSR11_MASK_21140 = CSR11_TIMER_MASK | CSR11_CON;

    /** CSR12 (21143 SIA status) LS100: 100 Mb/s link status, 0 = link pass. */
    public static final int CSR12_LS100 = 0x0002;
    /** CSR12 (21143) LS10: 10 Mb/s link status, 0 = link pass. */
    public static final int CSR12_LS10 = 0x0004;
    /** CSR12 (21143) ANS autonegotiation state, bits 14:12; 5 = FLP link good. */
    public static final int CSR12_ANS_SHIFT = 12;
    public static final int ANS_LINK_GOOD = 5;
    /** CSR12 (21143) LPN link partner negotiable. */
    public static final int CSR12_LPN = 0x8000;
    /** CSR12 (21143) LPC link partner code word, bits 31:16. */
    public static final int CSR12_LPC_SHIFT = 16;
    /**
     * The partner code word the model shows: selector 802.3 (1), 10BASE-T, 10BASE-T FD, 100BASE-TX,
     * 100BASE-TX FD (0x01E1), with the acknowledge bit (0x4000) — a 10/100 partner that answered.
     */
    public static final int PARTNER_CODE_WORD = 0x41E1;
    /** CSR12 (21140 general-purpose port): the pin the model's board wires to 100 Mb/s link sense, active high. */
    public static final int GP_LINK_SENSE_BIT = 6;

    // ---- C.8 descriptors (Linux: DescOwned, DESC_RING_WRAP) ----------------------------------------
    public static final int DESC_SIZE = 16;
    /** OWN: the chip owns the descriptor. */
    public static final int DescOwned = 0x8000_0000;

    /** RDES0 FF filtering fail. */
    public static final int RDES0_FF = 0x4000_0000;
    /** RDES0 FL frame length including the CRC, bits 29:16. */
    public static final int RDES0_FL_SHIFT = 16;
    /** RDES0 ES error summary. */
    public static final int RDES0_ES = 0x0000_8000;
    /** RDES0 RF runt frame. */
    public static final int RDES0_RF = 0x0000_0800;
    /** RDES0 MF multicast frame. */
    public static final int RDES0_MF = 0x0000_0400;
    /** RDES0 FS first descriptor. */
    public static final int RDES0_FS = 0x0000_0200;
    /** RDES0 LS last descriptor. */
    public static final int RDES0_LS = 0x0000_0100;
    /** RDES0 TL frame too long. */
    public static final int RDES0_TL = 0x0000_0080;
    /** RDES0 DB dribbling bit. */
    public static final int RDES0_DB = 0x0000_0004;
    /** RDES0 CE CRC error. */
    public static final int RDES0_CE = 0x0000_0002;

    /** RDES1/TDES1 buffer 1 size, bits 10:0. */
    public static final int BUF1_SIZE_MASK = 0x7FF;
    /** RDES1/TDES1 buffer 2 size, bits 21:11. */
    public static final int BUF2_SIZE_SHIFT = 11;
    /** RDES1 RCH: second address chained. */
    public static final int RDES1_RCH = 0x0100_0000;
    /** RDES1 RER / TDES1 TER: end of ring (Linux DESC_RING_WRAP). */
    public static final int DESC_RING_WRAP = 0x0200_0000;

    /** TDES0 ES error summary. */
    public static final int TDES0_ES = 0x0000_8000;
    /** TDES0 TO jabber timeout. */
    public static final int TDES0_TO = 0x0000_4000;
    /** TDES0 LO loss of carrier. */
    public static final int TDES0_LO = 0x0000_0800;
    /** TDES0 NC no carrier. */
    public static final int TDES0_NC = 0x0000_0400;
    /** What the chip writes into a setup descriptor's TDES0 (QEMU, C.9): OWN clear, every other bit set. */
    public static final int TDES0_SETUP_DONE = 0x7FFF_FFFF;
    /** TDES1 FT0 filtering type bit 0. */
    public static final int TDES1_FT0 = 0x0040_0000;
    /** TDES1 TCH second address chained. */
    public static final int TDES1_TCH = 0x0100_0000;
    /** TDES1 SET setup packet. */
    public static final int TDES1_SET = 0x0800_0000;
    /** TDES1 FT1 filtering type bit 1. */
    public static final int TDES1_FT1 = 0x1000_0000;
    /** TDES1 FS first segment. */
    public static final int TDES1_FS = 0x2000_0000;
    /** TDES1 LS last segment. */
    public static final int TDES1_LS = 0x4000_0000;
    /** TDES1 IC interrupt on completion. */
    public static final int TDES1_IC = 0x8000_0000;

    // ---- C.9 setup frame ---------------------------------------------------------------------------
    /** A setup frame is always 192 bytes. */
    public static final int SETUP_FRAME_LEN = 192;
    public static final int PERFECT_ENTRIES = 16;

    // ---- Ethernet ----------------------------------------------------------------------------------
    /** Shortest frame without FCS; anything shorter is a runt. */
    public static final int ETH_ZLEN = 60;
    /** Longest untagged frame without FCS. */
    public static final int ETH_FRAME_LEN = 1514;
    public static final int ETH_FCS_LEN = 4;

    private TulipRegs() {}
}
