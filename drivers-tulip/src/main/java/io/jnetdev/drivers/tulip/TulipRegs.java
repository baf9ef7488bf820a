package io.jnetdev.drivers.tulip;

/**
 * The driver's own names for the Tulip's CSRs, bits and descriptor fields, as Linux's
 * {@code tulip.h} ({@code enum tulip_offsets}, {@code status_bits}, {@code tulip_mode_bits},
 * {@code desc_status_bits}) and {@code interrupt.c} ({@code mit_table}) name them. Values from
 * nic-facts.md section C; nothing here is shared with the model.
 */
final class TulipRegs {
    // ---- CSR offsets (32-bit registers on 8-byte spacing) --------------------------------------
    static final int CSR0 = 0x00;
    static final int CSR1 = 0x08;
    static final int CSR2 = 0x10;
    static final int CSR3 = 0x18;
    static final int CSR4 = 0x20;
    static final int CSR5 = 0x28;
    static final int CSR6 = 0x30;
    static final int CSR7 = 0x38;
    static final int CSR8 = 0x40;
    static final int CSR9 = 0x48;
    static final int CSR10 = 0x50;
    static final int CSR11 = 0x58;
    static final int CSR12 = 0x60;
    static final int CSR13 = 0x68;
    static final int CSR14 = 0x70;
    static final int CSR15 = 0x78;
    /** CSR0–CSR15. */
    static final int CSR_COUNT = 16;

    // ---- CSR0 bus mode ---------------------------------------------------------------------------
    /** SWR: software reset. */
    static final int CSR0_SWR = 0x0000_0001;
    /** Linux's x86 default: MWI | MRL | MRM, cache alignment 16 longwords, unlimited burst. */
    static final int CSR0_DEFAULT = 0x01A0_8000;

    // ---- CSR5 status bits (CSR7 enables use the same positions) -----------------------------------
    static final int TxIntr = 0x01;
    static final int TxDied = 0x02;
    static final int TxNoBuf = 0x04;
    static final int TxJabber = 0x08;
    static final int TPLnkPass = 0x10;
    static final int TxFIFOUnderflow = 0x20;
    static final int RxIntr = 0x40;
    static final int RxNoBuf = 0x80;
    static final int RxDied = 0x100;
    static final int RxJabber = 0x200;
    static final int TimerInt = 0x800;
    static final int TPLnkFail = 0x1000;
    static final int SystemError = 0x2000;
    static final int AbnormalIntr = 0x8000;
    static final int NormalIntr = 0x10000;
    /** The 21143's 100BASE-TX link-changed bit (LC). */
    static final int LinkChange = 0x0800_0000;
    /** {@code RxPollInt}: the receive sources the poll handles. */
    static final int RxPollInt = RxIntr | RxNoBuf | RxDied | RxJabber;
    /** CSR5 TS and RS fields: the transmit and receive process states. */
    static final int CSR5_TS = 0x0070_0000;
    static final int CSR5_RS = 0x000E_0000;
    /** CSR5 EB field: the bus error type of a fatal bus error. */
    static final int CSR5_EB_SHIFT = 23;
    /** What the NAPI handler acknowledges: every source but RI and RU, left to the poll. */
    static final int ACK_NAPI = 0x0001_FF3F;
    /** What the abnormal path writes to clear every error source. */
    static final int ACK_ERRORS = 0x0800_F7BA;
    /** What "too much work" writes: every source. */
    static final int ACK_ALL = 0x8001_FFFF;
    /** The sources that keep {@code tulip_interrupt}'s loop going (NAPI build). */
    static final int LOOP_SOURCES = TxNoBuf | TxDied | TxIntr | TimerInt | RxDied | TxFIFOUnderflow | TxJabber
            | TPLnkFail | SystemError;
    /** The 21140's CSR7 bits ({@code 0x0001ebef}) masked by the "too much work" path. */
    static final int MASKABLE_21140 = 0x0001_EBEF;

    // ---- CSR6 operation mode ------------------------------------------------------------------
    static final int RxOn = 0x0002;
    /** PB, pass bad frames: runts and collision fragments reach the ring (with RF, CS) instead of vanishing. */
    static final int AcceptRunt = 0x0008;
    static final int AcceptAllPhys = 0x0040;
    static final int AcceptAllMulticast = 0x0080;
    static final int FullDuplex = 0x0200;
    static final int TxOn = 0x2000;
    static final int RxTx = TxOn | RxOn;
    /** HP | HO | IF | PR | PM: what {@code set_rx_mode} clears before choosing. */
    static final int CSR6_FILTER_BITS = 0x00D5;
    /** TR: the transmit threshold field, raised on underflow. */
    static final int CSR6_THRESHOLD = 0xC000;
    static final int CSR6_THRESHOLD_STEP = 0x4000;
    /** SF: store and forward, after the last threshold step. */
    static final int CSR6_STORE_AND_FORWARD = 0x0020_0000;
    /** MBO: must be one. */
    static final int CSR6_MBO = 0x0200_0000;
    /** The port-select bits a media leaf's command word feeds ({@code (cmd & 0x71) << 18}). */
    static final int CSR6_MEDIA_MASK = 0x71;
    static final int CSR6_MEDIA_SHIFT = 18;

    // ---- CSR8 missed frames ---------------------------------------------------------------------
    static final int CSR8_MISSED = 0xFFFF;
    static final int CSR8_MISSED_OVERFLOW = 0x1_0000;

    // ---- CSR9 serial ROM (eeprom.c's EE_* bits) ----------------------------------------------------
    static final int EE_CS = 0x01;
    static final int EE_SHIFT_CLK = 0x02;
    static final int EE_DATA_WRITE = 0x04;
    static final int EE_DATA_READ = 0x08;
    /** SR (ROM select) | RD (read) | CS. */
    static final int EE_ENB = 0x4800 | EE_CS;
    /** Start bit and READ opcode (binary 110). */
    static final int EE_READ_CMD = 6;

    // ---- CSR11 mitigation and timer (interrupt.c) --------------------------------------------------
    /** {@code mit_table[MIT_TABLE]}: RX timer 15 cycles, RX packets 0, continuous mode, short cycle. */
    static final int MIT_ON = 0x80F1_0000;
    static final int MIT_OFF = 0;
    /** The 21143's "too much work" setting: TX timer 1, TX packets 3, RX timer 2, RX packets 2. */
    static final int MIT_TOO_MUCH_WORK = 0x8B24_0000;
    /** The one-shot timer the other chips arm to re-enable their masked sources. */
    static final int TIMER_REENABLE = 0x0012;

    // ---- CSR12 -----------------------------------------------------------------------------------
    /** 21143 SIA status LS100: 0 = 100 Mb/s link pass. */
    static final int CSR12_LS100 = 0x02;

    // ---- descriptors (16 bytes: status, length, buffer1, buffer2) -------------------------------
    static final int DESC_SIZE = 16;
    static final int DESC_STATUS = 0;
    static final int DESC_LENGTH = 4;
    static final int DESC_BUFFER1 = 8;
    static final int DESC_BUFFER2 = 12;
    static final int DescOwned = 0x8000_0000;
    /** TDES1 FS | LS. */
    static final int DescWholePkt = 0x6000_0000;
    /** TDES1 IC: interrupt on completion. */
    static final int DescIntr = 0x8000_0000;
    /** TDES1/RDES1 end of ring ({@code DESC_RING_WRAP}). */
    static final int DESC_RING_WRAP = 0x0200_0000;
    /** TDES1 SET: a setup frame. */
    static final int DescSetup = 0x0800_0000;
    /** TDES1 FT0: with SET, hash filtering (one perfect address plus the 512-bit table). */
    static final int DescSetupHash = 0x0040_0000;
    /** RDES0: FS | LS, the frame in one buffer. */
    static final int RxWholePkt = 0x0000_0300;
    static final int RxDescLastSeg = 0x0000_0100;
    static final int RxDescErrorSummary = 0x8000;
    static final int RxDescDescErr = 0x4000;
    static final int RxDescRunt = 0x0800;
    static final int RxDescCollisionSeen = 0x0040;
    static final int RxDescDribble = 0x0004;
    static final int RxDescCRCError = 0x0002;
    static final int RxDescOverflow = 0x0001;
    /** Length bits 29:27 (over 2047 bytes) or the receive watchdog: the length is not to be trusted. */
    static final int RxLengthOver2047 = 0x3800_0010;
    /** TDES0 error summary and the error bits Linux sorts it into. */
    static final int TxDescErrorSummary = 0x8000;
    static final int TxDescAborted = 0x4104;
    static final int TxDescCarrier = 0x0C00;
    static final int TxDescWindow = 0x0200;
    static final int TxDescFifo = 0x0002;
    static final int TxDescHeartbeat = 0x0080;

    // ---- rings and buffers (tulip.h) -----------------------------------------------------------
    static final int TX_RING_SIZE = 32;
    static final int RX_RING_SIZE = 128;
    /** {@code PKT_BUF_SZ}: 1536 + 4, the 21143 MWI errata workaround. */
    static final int PKT_BUF_SZ = 1536 + 4;
    /** The setup frame: always 192 bytes. */
    static final int SETUP_FRAME_LEN = 192;
    /** The largest frame Linux accepts without the FCS: 1514 + a VLAN tag. */
    static final int MAX_FRAME = 1518;

    private TulipRegs() {}
}
