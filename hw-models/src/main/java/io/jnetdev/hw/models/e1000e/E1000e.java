package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.models.NicPort;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A register-level model of the Intel 82574L Gigabit Ethernet controller (PCI 8086:10D3), the card
 * Linux's {@code e1000e} driver and QEMU's {@code e1000e} device know. Every offset, bit, default and
 * behaviour follows {@code nic-facts.md} section A; where that is silent, QEMU's
 * {@code hw/net/e1000e_core.c} was read for the facts (never the code).
 *
 * <h2>PCI function</h2>
 * Class 0x020000, revision 0, subsystem 8086:0000, INTA. BAR0: 128 KiB of registers; BAR1: 128 KiB
 * flash window with no flash behind it (reads 0, writes ignored); BAR2: 32 bytes of I/O ports, an
 * indirect window onto BAR0 (IOADDR at +0 names the register, IODATA at +4 accesses it); BAR3:
 * 16 KiB with the MSI-X table at 0 and the PBA at 0x2000 (owned by the runtime's PCI core).
 * Capabilities: MSI-X (5 vectors) at 0xA0, PCI power management 1.1 (DSI) at 0xC8, MSI (1 vector,
 * 64-bit, no per-vector mask) at 0xD0, PCI Express v1 endpoint at 0xE0. The card's extended
 * capabilities, AER at 0x100 and the device serial number at 0x140, cannot be shown: the runtime's
 * config space is the 256-byte conventional one.
 *
 * <h2>Registers</h2>
 * 32-bit accesses, as QEMU implements them: a 1- or 2-byte access is carried out as the 4-byte
 * access of its dword (a read returns the addressed bytes, with the dword read's side effects; a
 * write writes the dword with the other bytes zero), an 8-byte access as two 4-byte accesses.
 * Unimplemented registers read 0 and ignore writes. What each engine does is in its class:
 * {@link E1000eInterrupts}, {@link E1000eRx}, {@link E1000eTx}, {@link E1000eStats},
 * {@link E1000eNvm}, {@link E1000ePhy}. Only queue 0 of each direction is modelled; the queue-1
 * registers are storage. CTRL.RST resets the device to the A.15 values (keeping PBA, PBS and
 * FLA) and reloads RAL0/RAH0 from the NVM with AV set. STATUS shows FD, speed 1000 and
 * GIO_MASTER_ENABLE (unless CTRL.GIO_MASTER_DISABLE), and LU while the cable is in and CTRL.SLU set.
 *
 * <h2>Accounting</h2>
 * Every frame offered to the {@link #port() port} ends in exactly one of: stored in the receive
 * ring ({@link #rxFramesTotal()}), missed ({@link #missedTotal()}, what MPC counted: gate closed,
 * no free descriptor, ring stopped), refused as a runt, oversize or damaged frame
 * ({@link #rxErrorsTotal()}), or rejected by the address filter ({@link #filteredTotal()}, which has
 * no register on the card). So {@code offered + looped = received + missed + errors + filtered}, where
 * {@link #loopedTotal()} counts the frames the card's own transmitter sent back in MAC loopback.
 */
public final class E1000e implements NicModel {
    /** QEMU's default station address 52:54:00:12:34:56. */
    public static final long DEFAULT_MAC = 0x5254_0012_3456L;
    /** The port's line rate: 1 Gbit/s. */
    public static final long LINE_RATE = 1_000_000_000L;

    private static final int EECD_RO = EECD_PRES | EECD_AUTO_RD | 0x7800;
    private static final int IO_REG_LIMIT = 0x1FFFF;
    /** Registers that are plain storage: read back what was written. */
    private static final boolean[] PLAIN = new boolean[(int) (BAR_REGS_SIZE / 4)];
    /** Registers with handlers whose value reads straight from the register file. */
    private static final boolean[] READABLE = new boolean[(int) (BAR_REGS_SIZE / 4)];

    static {
        int[] plain = {FLA, FCAL, FCAH, FCT, VET, FCTTV, TXCW, RXCW, TCTL_EXT, TIPG, LEDCTL, EXTCNF_CTRL, PBA, PBS,
            ERT, FCRTL, FCRTH, PSRCTL, RXDCTL, RXDCTL1, RADV, RSRPD, RAID, TXDCTL, TXDCTL1, TADV, TARC0, TARC1,
            RXCSUM, RFCTL, WUC, WUFC, WUS, MRQC, MANC, MANC2H, GCR, SWSM, IAM, IVAR, ITR, RCTL};
        for (int r : plain) {
            PLAIN[r >>> 2] = true;
        }
        for (int i = 0; i < 5; i++) {
            PLAIN[eitr(i) >>> 2] = true;
        }
        for (int i = 0; i < MTA_WORDS; i++) {
            PLAIN[(MTA >>> 2) + i] = true;
            PLAIN[(VFTA >>> 2) + i] = true;
        }
        for (int i = 0; i < 2 * RAR_ENTRIES; i++) {
            PLAIN[(RAL0 >>> 2) + i] = true;
        }
        for (int i = 0; i < 32; i++) {
            PLAIN[(RETA >>> 2) + i] = true;
        }
        for (int i = 0; i < 10; i++) {
            PLAIN[(RSSRK >>> 2) + i] = true;
        }
        for (int q1 : new int[] {0x2900, 0x2904, 0x2908, 0x2910, 0x2918, 0x3900, 0x3904, 0x3908, 0x3910, 0x3918}) {
            PLAIN[q1 >>> 2] = true;
        }
        System.arraycopy(PLAIN, 0, READABLE, 0, PLAIN.length);
        for (int r : new int[] {EERD, EEWR, CTRL_EXT, MDIC, IMS, EIAC_82574, ICS, RDBAL, RDBAH, RDLEN, RDH, RDT, RDTR,
            TDBAL, TDBAH, TDLEN, TDH, TDT, TIDV, TCTL, FWSM}) {
            READABLE[r >>> 2] = true;
        }
    }

    private final E1000eState s = new E1000eState();
    private final E1000eNvm nvm;
    private final E1000ePhy phy = new E1000ePhy();
    private final E1000eInterrupts irq = new E1000eInterrupts(s);
    private final E1000eRx rx = new E1000eRx(this, s, irq);
    private final E1000eTx tx = new E1000eTx(this, s, irq);
    private final NicPort port = new NicPort(new PortSide(), LINE_RATE);
    private DeviceContext ctx;
    private int ioaddr;

    /** An 82574L with {@link #DEFAULT_MAC}, a 1 Gbit/s port, link up. */
    public E1000e() {
        this(DEFAULT_MAC);
    }

    /** An 82574L with station address {@code mac} (48 bits, first octet most significant). */
    public E1000e(long mac) {
        this(mac, false);
    }

    private E1000e(long mac, boolean corruptNvm) {
        if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(mac));
        }
        this.nvm = new E1000eNvm(mac, corruptNvm);
        powerOn();
    }

    /** An 82574L whose NVM words 0x00..0x3F no longer sum to 0xBABA (a driver must refuse it). */
    public static E1000e withCorruptNvm(long mac) {
        return new E1000e(mac, true);
    }

    @Override
    public PciConfigLayout layout() {
        // PMC: version 1.1 (2), DSI (bit 5); PMCSR 0; bridge extensions and data 0.
        byte[] pm = {0x22, 0x00, 0x00, 0x00, 0x00, 0x00};
        // PCIe v1 endpoint: capabilities register (version 1, type endpoint), device capabilities
        // (256-byte max payload), control/status, link capabilities (2.5 GT/s x1) and status (2.5 GT/s x1).
        byte[] pcie = {
            0x01, 0x00,                 // PCI Express capabilities: version 1, endpoint
            0x01, 0x00, 0x00, 0x00,     // device capabilities: max payload 256 bytes
            0x10, 0x28,                 // device control: relaxed ordering, max payload 128, max read 512
            0x00, 0x00,                 // device status
            0x11, 0x04, 0x00, 0x00,     // link capabilities: 2.5 GT/s, x1, L0s
            0x00, 0x00,                 // link control
            0x11, 0x00};                // link status: 2.5 GT/s, x1
        return new PciConfigLayout(VENDOR_ID, DEVICE_ID, SUBSYSTEM_VENDOR_ID, SUBSYSTEM_ID, CLASS_CODE, REVISION, 1,
                List.of(BarSpec.mmio(BAR_REGS, BAR_REGS_SIZE), BarSpec.mmio(BAR_FLASH, BAR_FLASH_SIZE),
                        BarSpec.io(BAR_IO, BAR_IO_SIZE), BarSpec.mmio(BAR_MSIX, BAR_MSIX_SIZE)),
                List.of(new CapabilitySpec.Msix(MSIX_CAP_OFFSET, MSIX_VECTORS, BAR_MSIX, 0, BAR_MSIX, MSIX_PBA_OFFSET),
                        new CapabilitySpec.Raw(PM_CAP_OFFSET, 0x01, pm),
                        new CapabilitySpec.Msi(MSI_CAP_OFFSET, 1, true, false),
                        new CapabilitySpec.Raw(PCIE_CAP_OFFSET, 0x10, pcie)));
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        irq.attach(context);
        rx.attach(context);
        tx.attach(context);
    }

    @Override
    public EthernetPort port() {
        return port;
    }

    // ---- BAR access --------------------------------------------------------------------------------

    @Override
    public long read(int bar, long offset, int size) {
        if (bar != BAR_REGS && bar != BAR_IO) {
            return 0; // flash window without flash; BAR3 outside the MSI-X table and PBA
        }
        int off = (int) offset;
        if (size == 8) {
            return (read32(bar, off) & 0xFFFF_FFFFL) | (long) read32(bar, off + 4) << 32;
        }
        int shift = 8 * (off & 3);
        if (size == 4 && shift != 0 || shift + 8 * size > 32) {
            return 0; // straddles two registers
        }
        long v = (read32(bar, off & ~3) & 0xFFFF_FFFFL) >>> shift;
        return size == 4 ? v : v & ((1L << (8 * size)) - 1);
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        if (bar != BAR_REGS && bar != BAR_IO) {
            return;
        }
        int off = (int) offset;
        if (size == 8) {
            write32(bar, off, (int) value);
            write32(bar, off + 4, (int) (value >>> 32));
            return;
        }
        int shift = 8 * (off & 3);
        if (size == 4 && shift != 0 || shift + 8 * size > 32) {
            return;
        }
        long mask = size == 4 ? 0xFFFF_FFFFL : (1L << (8 * size)) - 1;
        write32(bar, off & ~3, (int) ((value & mask) << shift));
    }

    private int read32(int bar, int off) {
        if (bar == BAR_IO) {
            return switch (off) {
                case IOADDR -> ioaddr;
                case IODATA -> ioaddr >= 0 && ioaddr <= IO_REG_LIMIT ? readReg(ioaddr & ~3) : 0;
                default -> 0;
            };
        }
        return readReg(off);
    }

    private void write32(int bar, int off, int v) {
        if (bar == BAR_IO) {
            switch (off) {
                case IOADDR -> ioaddr = v;
                case IODATA -> {
                    if (ioaddr >= 0 && ioaddr <= IO_REG_LIMIT) {
                        writeReg(ioaddr & ~3, v);
                    }
                }
                default -> { }
            }
            return;
        }
        writeReg(off, v);
    }

    /** A 32-bit register read (QEMU's {@code e1000e_core_read}). */
    int readReg(int off) {
        if (off < 0 || off >= BAR_REGS_SIZE) {
            return 0;
        }
        int[] mac = s.mac;
        return switch (off) {
            case CTRL, CTRL_DUP -> mac[CTRL >>> 2];
            case STATUS -> status();
            case ICR -> irq.readIcr();
            case EECD -> mac[EECD >>> 2] | ((mac[EECD >>> 2] & EECD_REQ) != 0 ? EECD_GNT : 0);
            default -> {
                if (E1000eStats.isStatistic(off)) {
                    yield E1000eStats.read(mac, off);
                }
                yield READABLE[off >>> 2] ? mac[off >>> 2] : 0;
            }
        };
    }

    /** A 32-bit register write (QEMU's {@code e1000e_core_write}). */
    void writeReg(int off, int v) {
        if (off < 0 || off >= BAR_REGS_SIZE) {
            return;
        }
        int[] mac = s.mac;
        switch (off) {
            case CTRL, CTRL_DUP -> writeCtrl(v);
            case EECD -> mac[EECD >>> 2] = (mac[EECD >>> 2] & EECD_RO) | (v & ~EECD_RO);
            case EERD -> mac[EERD >>> 2] = nvm.eerdWritten(v);
            case EEWR -> mac[EEWR >>> 2] = (v & ~EERD_START) | EERD_DONE; // the NVM is read-only here
            case CTRL_EXT -> mac[CTRL_EXT >>> 2] = v & ~CTRL_EXT_EE_RST;
            case MDIC -> {
                int r = phy.mdicWritten(v);
                mac[MDIC >>> 2] = r;
                if ((r & MDIC_INT_EN) != 0) {
                    irq.raise(ICR_MDAC);
                }
            }
            case ICR -> irq.writeIcr(v);
            case ICS -> irq.writeIcs(v);
            case IMS -> irq.writeIms(v);
            case IMC -> irq.writeImc(v);
            case EIAC_82574 -> mac[EIAC_82574 >>> 2] = v & EIAC_MASK_82574;
            case RDTR, TIDV -> irq.writeDelay(off, v);
            case TCTL -> {
                mac[TCTL >>> 2] = v;
                tx.kick();
            }
            case RDBAL, TDBAL -> baseWritten(off, v & ~0xF);
            case RDBAH, TDBAH -> baseWritten(off, v);
            case RDLEN, TDLEN -> lengthWritten(off, v);
            case RDH, RDT, TDH, TDT -> indexWritten(off, v);
            default -> {
                if (PLAIN[off >>> 2]) {
                    mac[off >>> 2] = v;
                }
            }
        }
    }

    private int status() {
        int ctrl = s.mac[CTRL >>> 2];
        return STATUS_FD | (linkUp() ? STATUS_LU : 0) | STATUS_SPEED_1000 | STATUS_ASDV_1000
                | ((ctrl & CTRL_GIO_MASTER_DISABLE) == 0 ? STATUS_GIO_MASTER_ENABLE : 0);
    }

    private void writeCtrl(int v) {
        if ((v & CTRL_RST) != 0) {
            softReset();
            return;
        }
        boolean was = linkUp();
        s.mac[CTRL >>> 2] = v;
        if ((v & CTRL_PHY_RST) != 0) {
            phy.reset(port.linkUp());
        }
        if (linkUp() != was) {
            irq.raise(ICR_LSC);
        }
    }

    // ---- rings: bad driver input stops a ring -------------------------------------------------------

    private void baseWritten(int off, int v) {
        s.mac[off >>> 2] = v;
        restart(off < TDBAL);
    }

    private void lengthWritten(int off, int v) {
        boolean rxRing = off == RDLEN;
        s.mac[off >>> 2] = v & RING_LEN_MASK;
        restart(rxRing);
        if (E1000eState.ringCount(v) == 0) {
            String why = String.format("%s 0x%x is not a non-zero multiple of 128 bytes within bits 19:7",
                    rxRing ? "RDLEN" : "TDLEN", v);
            if (rxRing) {
                stopRx(why);
            } else {
                stopTx(why);
            }
        }
    }

    private void indexWritten(int off, int v) {
        boolean rxRing = off == RDH || off == RDT;
        int count = E1000eState.ringCount(s.mac[(rxRing ? RDLEN : TDLEN) >>> 2]);
        s.mac[off >>> 2] = v & 0xFFFF;
        if (count > 0 && (v & 0xFFFF) >= count || (v & ~0xFFFF) != 0) {
            String why = String.format("%s %d outside the %d-descriptor ring", regName(off), v, count);
            if (rxRing) {
                stopRx(why);
            } else {
                stopTx(why);
            }
            return;
        }
        if (off == TDT) {
            tx.kick();
        }
    }

    private static String regName(int off) {
        return switch (off) {
            case RDH -> "RDH";
            case RDT -> "RDT";
            case TDH -> "TDH";
            default -> "TDT";
        };
    }

    private void restart(boolean rxRing) {
        if (rxRing) {
            s.rxStopped = false;
        } else {
            s.txStopped = false;
        }
    }

    /** Stops the receive ring after bad driver input; frames are missed until base/length are rewritten or a reset. */
    void stopRx(String why) {
        if (!s.rxStopped) {
            s.rxStopped = true;
            log("e1000e: receive ring stopped: " + why);
        }
    }

    /** Stops the transmit ring likewise. */
    void stopTx(String why) {
        if (!s.txStopped) {
            s.txStopped = true;
            log("e1000e: transmit ring stopped: " + why);
        }
    }

    private void log(String message) {
        if (ctx != null) {
            ctx.log(message);
        }
    }

    // ---- link, reset ----------------------------------------------------------------------------

    /** STATUS.LU: the cable is in and CTRL.SLU lets the link come up. */
    boolean linkUp() {
        return port.linkUp() && (s.mac[CTRL >>> 2] & CTRL_SLU) != 0;
    }

    /** The port's cable was plugged or pulled: the PHY follows, and a change of STATUS.LU raises LSC. */
    void cableChanged(boolean up) {
        phy.setLink(up);
        if ((s.mac[CTRL >>> 2] & CTRL_SLU) != 0) {
            irq.raise(ICR_LSC);
        }
    }

    private void powerOn() {
        s.reset(true);
        phy.reset(port.linkUp());
        loadMac();
    }

    /** CTRL.RST: A.15 values (PBA, PBS, FLA kept), MAC reloaded from the NVM, engines stopped. */
    private void softReset() {
        tx.reset();
        irq.reset();
        s.reset(false);
        phy.reset(port.linkUp());
        loadMac();
        irq.update();
    }

    private void loadMac() {
        long mac = nvm.mac();
        s.set(RAL0, E1000eState.ralOf(mac));
        s.set(RAH0, E1000eState.rahOf(mac) | 0x8000_0000);
    }

    /** Function-level reset: power-on state. */
    @Override
    public void reset() {
        tx.reset();
        irq.reset();
        powerOn();
        irq.update();
    }

    @Override
    public void detach() {
        tx.reset();
        irq.reset();
    }

    // ---- what the engines and the port need ----------------------------------------------------------

    long lineRate() {
        return port.lineRateBitsPerSecond();
    }

    /**
     * A frame leaves the transmitter: to the wire, or with RCTL.LBM = MAC loopback straight back to
     * this card's receiver (which then needs no link), as the self-test's loopback test expects.
     */
    boolean transmit(MemorySegment frame, int length) {
        if ((s.mac[RCTL >>> 2] & RCTL_LBM_MASK) == RCTL_LBM_MAC) {
            rx.receiveLooped(frame, length);
            return true;
        }
        return port.transmit(frame, length);
    }

    long stationAddress() {
        return s.stationAddress();
    }

    /** The card as its port sees it: frames into the receive engine, cable changes into the PHY and STATUS. */
    private final class PortSide implements NicPort.Card {
        @Override
        public void receive(MemorySegment frame, int length) {
            rx.receive(frame, length);
        }

        @Override
        public void receiveErrored(MemorySegment frame, int length, FrameError error) {
            rx.receiveErrored(frame, length, error);
        }

        @Override
        public void linkChanged(boolean up) {
            cableChanged(up);
        }

        @Override
        public long stationAddress() {
            return E1000e.this.stationAddress();
        }

        @Override
        public String deviceName() {
            return E1000e.this.deviceName();
        }
    }

    String deviceName() {
        return ctx == null ? "e1000e (not plugged in)" : ctx.name();
    }

    /** For tests: interrupts sent on MSI-X vector {@code v} (0..4), or by INTx/MSI for {@code v == 5}. */
    long interruptsSent(int v) {
        return irq.sent[v];
    }

    E1000eNvm nvm() {
        return nvm;
    }

    // ---- totals since power-on (views for tests, not registers) --------------------------------------

    /** Frames the wire offered to the port. */
    public long offeredTotal() {
        return s.offeredTotal;
    }

    /** Frames the transmitter looped back to the receiver in MAC loopback (RCTL.LBM = 01). */
    public long loopedTotal() {
        return s.loopedTotal;
    }

    /** Frames stored in the receive ring. */
    public long rxFramesTotal() {
        return s.rxFramesTotal;
    }

    /** Frames missed: receiver gate closed, no free descriptor, ring stopped (what MPC counted). */
    public long missedTotal() {
        return s.missedTotal;
    }

    /** Frames refused as runts, oversize or damaged on the wire. */
    public long rxErrorsTotal() {
        return s.rxErrorsTotal;
    }

    /** Frames the address filter rejected: not received, and counted in no register of the card. */
    public long filteredTotal() {
        return s.filteredTotal;
    }

    /** Frames put on the wire. */
    public long txFramesTotal() {
        return s.txFramesTotal;
    }

    @Override
    public String toString() {
        return String.format("82574L %s mac %012x rx %d/%d missed %d", deviceName(), s.stationAddress(),
                s.get(RDH), s.get(RDT), s.missedTotal);
    }
}
