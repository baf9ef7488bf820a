package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.models.NicPort;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A register-level model of the DEC 21143 (PCI 1011:0019) and 21140 (1011:0009) "Tulip" Fast
 * Ethernet controllers, the cards of Linux's {@code tulip} driver and QEMU's {@code tulip} device.
 * Every offset, bit, default and behaviour follows {@code nic-facts.md} section C; where it is
 * silent, QEMU's {@code hw/net/tulip.c} and Linux's {@code drivers/net/ethernet/dec/tulip/} were
 * read for the facts (never the code). Make one with {@link #dec21143(long)} or {@link #dec21140(long)}.
 *
 * <h2>PCI function</h2>
 * Class 0x020000, revision 0, INTA only (no MSI or MSI-X capability). The 21143 shows QEMU's
 * subsystem 103C:104F, the 21140 none. BAR0 is 128 bytes of I/O ports, BAR1 128 bytes of memory;
 * both decode the same sixteen CSRs at 8-byte spacing (C.2).
 *
 * <h2>Registers</h2>
 * Only 32-bit accesses at a multiple of 8 reach a CSR, as the chip requires (C.2). Anything else —
 * a 1-, 2- or 8-byte access, or one at offset 8n + 4 — is logged through the device context and
 * ignored: a read returns 0, a write changes nothing. CSR0.SWR resets the chip at once (the bit
 * reads back clear) to the C.6 values, with the receive and transmit processes stopped, CSR8
 * cleared, the address filter emptied and every timer stopped. CSR0.DBO switches the descriptors
 * to big-endian. CSR1 and CSR2 are poll demands, CSR3 and CSR4 set the list bases and the current
 * descriptor (low two bits ignored), CSR5/CSR7 are {@link TulipInterrupts}, CSR6 starts and stops
 * {@link TulipRx} and {@link TulipTx} on changes of SR and ST (its HP, HO and IF bits are read-only,
 * set by the last {@link TulipSetupFrame setup frame}), CSR8 reads and clears the missed-frame
 * counter, CSR9 reaches the {@link TulipSrom SROM} (the MII lines read MDI = 1: no PHY answers,
 * the media is the chip's own 100BASE-TX port), CSR11 is {@link TulipMitigation}. CSR10, CSR13–15
 * are storage.
 *
 * <h2>Link</h2>
 * The port runs at 100 Mb/s (D). CSR12 on the 21143 is the SIA status: with the cable in LS100 = 0
 * (link pass), LS10 = 1, autonegotiation state 5 (FLP link good), LPN and a 10/100 partner's code
 * word; with it out LS100 = LS10 = 1. A cable change raises LC (CSR5 bit 27). CSR12 on the 21140 is
 * the general-purpose port: a write with bit 8 set sets the pin directions, any other write the
 * output data; pin 6 is wired to link sense (1 = link), as the SROM's media block says.
 *
 * <h2>Accounting</h2>
 * Every frame offered to the {@link #port() port} ends in exactly one of: stored in the receive
 * list ({@link #rxFramesTotal()}), missed ({@link #missedTotal()}, what CSR8 counted: receive
 * process stopped, link down, no chip-owned descriptor, a bad descriptor), refused as a runt
 * without CSR6.PB or as a frame no receive buffer holds ({@link #rxErrorsTotal()}, which has no
 * register; oversize and damaged frames are stored, with their error bits), or rejected by the address
 * filter ({@link #filteredTotal()}, which has no register). So
 * {@code offered + looped = received + missed + errors + filtered}, where {@link #loopedTotal()}
 * counts frames this chip's transmitter sent back to its receiver in loopback.
 */
public final class Tulip implements NicModel {
    /** QEMU's default station address 52:54:00:12:34:56. */
    public static final long DEFAULT_MAC = 0x5254_0012_3456L;
    /** The port's line rate: 100 Mb/s. */
    public static final long LINE_RATE = 100_000_000L;

    private final TulipState s;
    private final long mac;
    private final TulipSrom srom;
    private final TulipSetupFrame filter = new TulipSetupFrame();
    private final TulipInterrupts irq;
    private final TulipMitigation mitigation;
    private final TulipRx rx;
    private final TulipTx tx;
    private final NicPort port = new NicPort(new PortSide(), LINE_RATE);
    private DeviceContext ctx;
    /** 21140 general-purpose port: pin directions (1 = output) and output data. */
    private int gpDirection;
    private int gpData;
    /** Accesses refused for their width or offset, for tests. */
    long refusedAccesses;

    private Tulip(TulipChip chip, long mac) {
        if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(mac));
        }
        this.mac = mac;
        this.s = new TulipState(chip);
        this.srom = new TulipSrom(chip, mac);
        this.irq = new TulipInterrupts(s);
        this.mitigation = new TulipMitigation(s, irq);
        this.rx = new TulipRx(this, s, irq, mitigation, filter);
        this.tx = new TulipTx(this, s, irq, mitigation, filter);
        s.reset();
    }

    /** A 21143 with station address {@code mac} in its SROM (48 bits, first octet most significant). */
    public static Tulip dec21143(long mac) {
        return new Tulip(TulipChip.DC21143, mac);
    }

    /** A 21140 with station address {@code mac} in its SROM. */
    public static Tulip dec21140(long mac) {
        return new Tulip(TulipChip.DC21140, mac);
    }

    /** Which part this is. */
    public TulipChip chip() {
        return s.chip;
    }

    @Override
    public PciConfigLayout layout() {
        TulipChip c = s.chip;
        return new PciConfigLayout(VENDOR_ID, c.deviceId, c.subsystemVendorId, c.subsystemId, CLASS_CODE, c.revision, 1,
                List.of(BarSpec.io(BAR_IO, BAR_SIZE), BarSpec.mmio(BAR_MEM, BAR_SIZE)), List.of());
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        irq.attach(context);
        mitigation.attach(context);
        rx.attach(context);
        tx.attach(context);
    }

    @Override
    public EthernetPort port() {
        return port;
    }

    // ---- BAR access ------------------------------------------------------------------------------

    @Override
    public long read(int bar, long offset, int size) {
        if (!csrAccess(bar, offset, size, "read")) {
            return 0;
        }
        return readCsr((int) offset) & 0xFFFF_FFFFL;
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        if (csrAccess(bar, offset, size, "write")) {
            writeCsr((int) offset, (int) value);
        }
    }

    private boolean csrAccess(int bar, long offset, int size, String what) {
        if ((bar == BAR_IO || bar == BAR_MEM) && size == 4 && (offset & 7) == 0 && offset >= 0 && offset < BAR_SIZE) {
            return true;
        }
        refusedAccesses++;
        log(String.format("%d-byte %s at BAR%d+0x%x ignored: the CSRs take 32-bit accesses at 8-byte spacing",
                size, what, bar, offset));
        return false;
    }

    /** A CSR read (QEMU's {@code tulip_read}). */
    int readCsr(int off) {
        return switch (off) {
            case CSR6 -> (s.csr[6] & ~CSR6_FILTER_RO) | filter.csr6Bits();
            case CSR8 -> s.readCsr8();
            case CSR9 -> readCsr9();
            case CSR11 -> mitigation.read();
            case CSR12 -> readCsr12();
            default -> s.csr[csrIndex(off)];
        };
    }

    /** A CSR write (QEMU's {@code tulip_write}). */
    void writeCsr(int off, int v) {
        switch (off) {
            case CSR0 -> {
                if ((v & CSR0_SWR) != 0) {
                    softReset();
                } else {
                    s.csr[0] = v;
                }
            }
            case CSR1 -> tx.pollDemand();
            case CSR2 -> rx.pollDemand();
            case CSR3 -> {
                s.csr[3] = v & ~3;
                s.rxDesc = v & 0xFFFF_FFFCL;
            }
            case CSR4 -> {
                s.csr[4] = v & ~3;
                s.txDesc = v & 0xFFFF_FFFCL;
            }
            case CSR5 -> irq.writeCsr5(v);
            case CSR6 -> writeCsr6(v);
            case CSR7 -> irq.writeCsr7(v);
            case CSR8 -> { } // read-only
            case CSR9 -> {
                s.csr[9] = v;
                if ((v & CSR9_SR) != 0) {
                    srom.write(v);
                }
            }
            case CSR11 -> mitigation.write(v);
            case CSR12 -> {
                if (s.chip == TulipChip.DC21140) {
                    if ((v & 0x100) != 0) {
                        gpDirection = v & 0xFF;
                    } else {
                        gpData = v & 0xFF;
                    }
                }
            }
            default -> s.csr[csrIndex(off)] = v; // CSR10, CSR13-15: storage
        }
    }

    private void writeCsr6(int v) {
        int old = s.csr[6];
        s.csr[6] = v & ~CSR6_FILTER_RO;
        if ((v & RxOn) != 0 && (old & RxOn) == 0) {
            rx.start();
        } else if ((v & RxOn) == 0 && (old & RxOn) != 0) {
            rx.stop();
        }
        if ((v & TxOn) != 0 && (old & TxOn) == 0) {
            tx.start();
        } else if ((v & TxOn) == 0 && (old & TxOn) != 0) {
            tx.stop();
        }
    }

    private int readCsr9() {
        int v = s.csr[9] | CSR9_MDI;
        if ((v & CSR9_SR) != 0) {
            v = srom.dataOut() ? v | CSR9_SROM_DO : v & ~CSR9_SROM_DO;
        }
        return v;
    }

    private int readCsr12() {
        boolean link = linkUp();
        if (s.chip == TulipChip.DC21140) {
            int pins = gpData & gpDirection;
            if ((gpDirection & 1 << GP_LINK_SENSE_BIT) == 0 && link) {
                pins |= 1 << GP_LINK_SENSE_BIT;
            }
            return pins;
        }
        if (!link) {
            return CSR12_LS100 | CSR12_LS10;
        }
        return CSR12_LS10 | ANS_LINK_GOOD << CSR12_ANS_SHIFT | CSR12_LPN | PARTNER_CODE_WORD << CSR12_LPC_SHIFT;
    }

    // ---- descriptors: little-endian, or big-endian with CSR0.DBO ---------------------------------------

    int descRead(long address) {
        int v = ctx.dma().read32(address);
        return (s.csr[0] & CSR0_DBO) != 0 ? Integer.reverseBytes(v) : v;
    }

    void descWrite(long address, int value) {
        ctx.dma().write32(address, (s.csr[0] & CSR0_DBO) != 0 ? Integer.reverseBytes(value) : value);
    }

    // ---- reset, link, detach ----------------------------------------------------------------------------

    /** CSR0.SWR: the same return to power-on state as a function-level reset, logged. */
    private void softReset() {
        reset();
        log("software reset (CSR0.SWR)");
    }

    /** Function-level reset: the C.6 reset values, processes stopped, filter emptied, timers stopped. */
    @Override
    public void reset() {
        tx.reset();
        mitigation.reset();
        filter.clear();
        s.reset();
        gpDirection = 0;
        gpData = 0;
        irq.reset();
    }

    /**
     * Bus mastering turned on (again): the processes that waited for the bus look at their current
     * descriptors, as after a poll demand.
     */
    @Override
    public void commandWritten(int command) {
        if (ctx != null && ctx.busMasterEnabled()) {
            tx.pollDemand();
            rx.pollDemand();
        }
    }

    /** Hot-unplug: every timer stopped, the frame on the wire dropped. */
    @Override
    public void detach() {
        tx.reset();
        mitigation.reset();
    }

    boolean linkUp() {
        return port.linkUp();
    }

    private void cableChanged(boolean up) {
        if (s.chip == TulipChip.DC21143) {
            irq.raise(LinkChange);
        }
    }

    long lineRate() {
        return port.lineRateBitsPerSecond();
    }

    /** A frame leaves the transmitter: to the wire, or with CSR6.OM set back into this chip's receiver. */
    boolean transmit(MemorySegment frame, int length) {
        if ((s.csr[6] & CSR6_OM_MASK) != 0) {
            rx.receiveLooped(frame, length);
            return true;
        }
        return port.transmit(frame, length);
    }

    void log(String message) {
        if (ctx != null) {
            ctx.log("tulip " + s.chip.partName + ": " + message);
        }
    }

    String deviceName() {
        return ctx == null ? "tulip (not plugged in)" : ctx.name();
    }

    /** The card as its port sees it. */
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
            return mac;
        }

        @Override
        public String deviceName() {
            return Tulip.this.deviceName();
        }
    }

    // ---- views for tests ------------------------------------------------------------------------------

    TulipSrom srom() {
        return srom;
    }

    TulipSetupFrame filter() {
        return filter;
    }

    TulipInterrupts interrupts() {
        return irq;
    }

    TulipMitigation mitigation() {
        return mitigation;
    }

    // ---- totals since power-on (views for tests and the conservation check, not registers) -----------

    /** Frames the wire offered to the port. */
    public long offeredTotal() {
        return s.offeredTotal;
    }

    /** Frames the transmitter looped back to the receiver (CSR6.OM ≠ 0). */
    public long loopedTotal() {
        return s.loopedTotal;
    }

    /** Frames stored in the receive list. */
    public long rxFramesTotal() {
        return s.rxFramesTotal;
    }

    /** Frames missed (what CSR8 counted): receiver stopped, link down, no chip-owned descriptor, bad descriptor. */
    public long missedTotal() {
        return s.missedTotal;
    }

    /** Bad frames refused: runts without CSR6.PB, frames without a header or longer than the receive buffer. */
    public long rxErrorsTotal() {
        return s.rxErrorsTotal;
    }

    /** Frames the address filter rejected: not received, and counted in no register. */
    public long filteredTotal() {
        return s.filteredTotal;
    }

    /** Frames put on the wire (or looped back). */
    public long txFramesTotal() {
        return s.txFramesTotal;
    }

    /** Descriptors refused (bad length, outside the DMA view, jabber), each of which stopped its process. */
    public long badDescriptorTotal() {
        return s.badDescriptorTotal;
    }

    @Override
    public String toString() {
        return String.format("%s %s mac %012x RS %d TS %d missed %d", s.chip.partName, deviceName(), mac,
                s.rxState(), s.txState(), s.missedTotal);
    }
}
