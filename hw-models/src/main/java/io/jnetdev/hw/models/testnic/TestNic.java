package io.jnetdev.hw.models.testnic;

import static io.jnetdev.hw.models.testnic.TestNicRegs.*;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.models.NicPort;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The jnetdev test NIC (PCI 1b36:00f0): a small, fast register-level Ethernet card for the shell,
 * the demo and benchmarks until the models of real cards exist. One receive and one transmit ring
 * in host memory with e1000 head/tail semantics, an e1000-style cause/mask interrupt block, MSI-X
 * (2 vectors), MSI (1 vector) and INTx, a station address and four statistics registers. The
 * register map and its semantics are in {@link TestNicRegs}.
 *
 * <p>What it leaves out, on purpose: address filtering (it takes every frame, as in promiscuous
 * mode), checksums and offloads, interrupt moderation, flow control, a PHY. Transmit is not paced:
 * a frame leaves as soon as the transmit engine runs, which is a device event at the instant the
 * driver writes {@link TestNicRegs#TDT}. A transmit descriptor of length 0 or longer than
 * {@link TestNicRegs#TX_MAX_FRAME} is completed without sending anything.
 *
 * <p>Accounting: every frame offered to the {@link #port() port} is either stored in the ring
 * ({@link TestNicRegs#GPRC}) or counted once, in {@link TestNicRegs#MPC} (no free descriptor — which also raises
 * {@link TestNicRegs#ICR_RXO} — receiver disabled, bus mastering off, no valid ring, or link down) or
 * {@link TestNicRegs#RXERRC} (shorter than 14 bytes or longer than a buffer, or damaged on the wire).
 *
 * <p>The receive path runs once per frame, so it allocates nothing and checks the interrupt
 * state only when a cause bit actually changes.
 */
public final class TestNic implements NicModel, NicPort.Card {
    /** The default station address, in QEMU's 52:54:00 range. */
    public static final long DEFAULT_MAC = 0x5254_0012_3456L;
    /** The default line rate: 1 Gbit/s. */
    public static final long DEFAULT_LINE_RATE = 1_000_000_000L;

    /** Causes {@link TestNicRegs#IVAR} routes with the queue field; the rest go with the "other" field. */
    private static final int QUEUE_CAUSES = ICR_RXT0 | ICR_TXDW;

    private final long romMac;
    private final TestNicState s = new TestNicState();
    private final NicPort port;
    /** Staging buffer for transmitted frames: the card's transmit FIFO. */
    private final MemorySegment txFifo = MemorySegment.ofArray(new byte[TX_MAX_FRAME]);
    private DeviceContext ctx;
    private DeviceTimer txTimer;
    /** Per-vector (MSI-X) or single (MSI, INTx) level last signalled, for edge detection. */
    private final boolean[] msixLevel = new boolean[MSIX_VECTORS];
    private boolean msiLevel;
    private boolean intxLevel;

    /** A card with the default address and a 1 Gbit/s port. */
    public TestNic() {
        this(DEFAULT_MAC, DEFAULT_LINE_RATE);
    }

    /** A card with station address {@code mac} (48 bits, first octet most significant). */
    public TestNic(long mac) {
        this(mac, DEFAULT_LINE_RATE);
    }

    /** A card with station address {@code mac} and a port of {@code lineRateBitsPerSecond}. */
    public TestNic(long mac, long lineRateBitsPerSecond) {
        if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(mac));
        }
        this.romMac = mac;
        this.port = new NicPort(this, lineRateBitsPerSecond);
        s.reset(romMac);
    }

    @Override
    public PciConfigLayout layout() {
        return new PciConfigLayout(VENDOR_ID, DEVICE_ID, SUBSYSTEM_VENDOR_ID, SUBSYSTEM_ID, CLASS_CODE, REVISION, 1,
                List.of(BarSpec.mmio(BAR_REGS, BAR0_SIZE), BarSpec.mmio(BAR_MSIX, BAR1_SIZE)),
                List.of(new CapabilitySpec.Msi(MSI_CAP_OFFSET, 1, true, false),
                        new CapabilitySpec.Msix(MSIX_CAP_OFFSET, MSIX_VECTORS, BAR_MSIX, 0, BAR_MSIX, MSIX_PBA_OFFSET)));
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        this.txTimer = context.newTimer("testnic tx", this::transmitPending);
    }

    @Override
    public EthernetPort port() {
        return port;
    }

    // ---- register handlers -----------------------------------------------------------------------

    @Override
    public long read(int bar, long offset, int size) {
        if (bar != BAR_REGS || size != 4) {
            return -1L;
        }
        return switch ((int) offset) {
            case CTRL -> s.ctrl;
            case STATUS -> port.linkUp() ? STATUS_LU : 0;
            case ICR -> s.icr;
            case ICS -> s.icr;
            case IMS -> s.ims;
            case IVAR -> s.ivar;
            case RDBAL -> (int) s.rdba;
            case RDBAH -> (int) (s.rdba >>> 32);
            case RDLEN -> s.rdlen;
            case RDH -> s.rdh;
            case RDT -> s.rdt;
            case TDBAL -> (int) s.tdba;
            case TDBAH -> (int) (s.tdba >>> 32);
            case TDLEN -> s.tdlen;
            case TDH -> s.tdh;
            case TDT -> s.tdt;
            case RAL -> s.ral;
            case RAH -> s.rah;
            case MPC -> {
                int v = s.mpc;
                s.mpc = 0;
                yield v;
            }
            case GPRC -> {
                int v = s.gprc;
                s.gprc = 0;
                yield v;
            }
            case GPTC -> {
                int v = s.gptc;
                s.gptc = 0;
                yield v;
            }
            case RXERRC -> {
                int v = s.rxerrc;
                s.rxerrc = 0;
                yield v;
            }
            default -> 0; // reserved registers read as zero
        } & 0xFFFF_FFFFL;
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        if (bar != BAR_REGS || size != 4) {
            return;
        }
        int v = (int) value;
        switch ((int) offset) {
            case CTRL -> writeCtrl(v);
            case ICR -> {
                s.icr &= ~v;
                updateInterrupts();
            }
            case ICS -> raise(v & ICR_ALL);
            case IMS -> {
                s.ims |= v & ICR_ALL;
                updateInterrupts();
            }
            case IMC -> {
                s.ims &= ~v;
                updateInterrupts();
            }
            case IVAR -> {
                s.ivar = v & 0x0F0F;
                updateInterrupts();
            }
            case RDBAL -> s.rdba = (s.rdba & ~0xFFFF_FFFFL) | (v & 0xFFFF_FFF0L);
            case RDBAH -> s.rdba = (s.rdba & 0xFFFF_FFFFL) | ((long) v << 32);
            case RDLEN -> {
                s.rdlen = v;
                s.rxCount = TestNicState.ringCount(v);
                if (s.rxCount == 0 && v != 0) {
                    ctx.log(String.format("testnic: RDLEN 0x%x is not a multiple of %d bytes up to %d: no receive ring",
                            v, RING_ALIGN_BYTES, RING_MAX_BYTES));
                }
            }
            case RDH -> s.rdh = ringIndex(v, s.rxCount, "RDH");
            case RDT -> s.rdt = ringIndex(v, s.rxCount, "RDT");
            case TDBAL -> s.tdba = (s.tdba & ~0xFFFF_FFFFL) | (v & 0xFFFF_FFF0L);
            case TDBAH -> s.tdba = (s.tdba & 0xFFFF_FFFFL) | ((long) v << 32);
            case TDLEN -> {
                s.tdlen = v;
                s.txCount = TestNicState.ringCount(v);
                if (s.txCount == 0 && v != 0) {
                    ctx.log(String.format("testnic: TDLEN 0x%x is not a multiple of %d bytes up to %d: no transmit ring",
                            v, RING_ALIGN_BYTES, RING_MAX_BYTES));
                }
            }
            case TDH -> s.tdh = ringIndex(v, s.txCount, "TDH");
            case TDT -> {
                s.tdt = ringIndex(v, s.txCount, "TDT");
                kickTransmit();
            }
            case RAL -> s.ral = v;
            case RAH -> s.rah = v & (RAH_AV | 0xFFFF);
            default -> { } // read-only and reserved registers ignore writes
        }
    }

    /** A head or tail value must index the ring; anything else is ignored (and logged) as e1000 leaves it undefined. */
    private int ringIndex(int v, int count, String reg) {
        if (v < 0 || (count > 0 && v >= count) || (count == 0 && v != 0)) {
            ctx.log("testnic: " + reg + " = " + Integer.toUnsignedString(v) + " outside the " + count + "-descriptor ring: ignored");
            return switch (reg) {
                case "RDH" -> s.rdh;
                case "RDT" -> s.rdt;
                case "TDH" -> s.tdh;
                default -> s.tdt;
            };
        }
        return v;
    }

    private void writeCtrl(int v) {
        if ((v & CTRL_RST) != 0) {
            softReset();
            return;
        }
        s.ctrl = v & (CTRL_RXEN | CTRL_TXEN);
        kickTransmit();
    }

    // ---- interrupts ------------------------------------------------------------------------------

    private void raise(int causes) {
        int before = s.icr;
        s.icr |= causes;
        if (s.icr != before) {
            updateInterrupts();
        }
    }

    /** Re-evaluates the interrupt outputs: INTx as a level, MSI and MSI-X on each rising edge. */
    private void updateInterrupts() {
        if (ctx == null) {
            return;
        }
        int pending = s.icr & s.ims;
        if (ctx.msixEnabled()) {
            setIntx(false);
            int queueVector = s.ivar & 0xF;
            int otherVector = (s.ivar >>> 8) & 0xF;
            int queue = pending & QUEUE_CAUSES;
            int other = pending & ~QUEUE_CAUSES;
            int v0 = (queueVector == 0 ? queue : 0) | (otherVector == 0 ? other : 0);
            int v1 = (queueVector == 1 ? queue : 0) | (otherVector == 1 ? other : 0);
            signalMsix(0, v0 != 0);
            signalMsix(1, v1 != 0);
        } else if (ctx.msiEnabled()) {
            setIntx(false);
            boolean level = pending != 0;
            if (level && !msiLevel) {
                ctx.msiNotify(0);
            }
            msiLevel = level;
        } else {
            setIntx(pending != 0);
        }
    }

    private void signalMsix(int vector, boolean level) {
        if (level && !msixLevel[vector]) {
            ctx.msixNotify(vector);
        }
        msixLevel[vector] = level;
    }

    private void setIntx(boolean level) {
        if (level != intxLevel) {
            intxLevel = level;
            ctx.setIntx(level);
        }
    }

    // ---- receive (the port backend calls this once per frame) -------------------------------------

    @Override
    public void receive(MemorySegment frame, int length) {
        TestNicState st = s;
        st.offeredTotal++;
        if (length < 14 || length > RX_BUFFER_SIZE || length > frame.byteSize()) {
            st.rxerrc++;
            st.rxErrorsTotal++;
            return;
        }
        if ((st.ctrl & CTRL_RXEN) == 0 || st.rxCount == 0 || !port.linkUp() || ctx == null || !ctx.busMasterEnabled()) {
            st.mpc++;
            st.missedTotal++;
            return;
        }
        if (st.rdh == st.rdt) {
            st.mpc++;
            st.missedTotal++;
            raise(ICR_RXO);
            return;
        }
        long desc = st.rdba + (long) st.rdh * DESC_SIZE;
        DmaPort dma = ctx.dma();
        try {
            long buffer = dma.read64(desc + RXD_ADDR);
            dma.write(buffer, length == frame.byteSize() ? frame : frame.asSlice(0, length));
            // length at 8..9, checksum 0, status DD|EOP at 12, errors 0, special 0
            dma.write64(desc + RXD_LENGTH, length | (long) (RXD_STAT_DD | RXD_STAT_EOP) << 32);
        } catch (DmaFaultException e) {
            st.mpc++;
            st.missedTotal++;
            throw e; // the driver gave the card memory it may not use: the caller records the fault
        }
        st.rdh = st.rdh + 1 == st.rxCount ? 0 : st.rdh + 1;
        st.gprc++;
        st.rxFramesTotal++;
        raise(ICR_RXT0);
    }

    /** A damaged frame: the card has one error counter, so it lands in RXERRC whatever the damage. */
    @Override
    public void receiveErrored(MemorySegment frame, int length, FrameError error) {
        s.offeredTotal++;
        s.rxerrc++;
        s.rxErrorsTotal++;
    }

    @Override
    public void linkChanged(boolean up) {
        raise(ICR_LSC);
    }

    @Override
    public long stationAddress() {
        return s.stationAddress();
    }

    @Override
    public String deviceName() {
        return ctx == null ? "testnic (not plugged in)" : ctx.name();
    }

    // ---- transmit --------------------------------------------------------------------------------

    private void kickTransmit() {
        if (txTimer != null && (s.ctrl & CTRL_TXEN) != 0 && s.txCount > 0 && s.tdh != s.tdt && !txTimer.pending()) {
            txTimer.schedule(0);
        }
    }

    /** The transmit engine: sends every descriptor from TDH up to TDT, then raises TXDW once. */
    private void transmitPending() {
        TestNicState st = s;
        if (!ctx.busMasterEnabled()) {
            ctx.log("testnic: transmit with bus mastering off: stalled");
            return;
        }
        DmaPort dma = ctx.dma();
        boolean any = false;
        while ((st.ctrl & CTRL_TXEN) != 0 && st.txCount > 0 && st.tdh != st.tdt) {
            long desc = st.tdba + (long) st.tdh * DESC_SIZE;
            long buffer = dma.read64(desc + TXD_ADDR);
            int length = dma.read32(desc + TXD_LENGTH) & 0xFFFF;
            if (length == 0 || length > TX_MAX_FRAME) {
                st.txDiscardedTotal++;
                ctx.log("testnic: transmit descriptor " + st.tdh + " with length " + length + ": discarded");
            } else {
                dma.read(buffer, txFifo.asSlice(0, length));
                int sent = length;
                if (length < MIN_FRAME) {
                    txFifo.asSlice(length, MIN_FRAME - length).fill((byte) 0);
                    sent = MIN_FRAME;
                }
                port.transmit(sent == TX_MAX_FRAME ? txFifo : txFifo.asSlice(0, sent), sent);
                st.gptc++;
                st.txFramesTotal++;
            }
            dma.write32(desc + TXD_STATUS, TXD_STAT_DD);
            st.tdh = st.tdh + 1 == st.txCount ? 0 : st.tdh + 1;
            any = true;
        }
        if (any) {
            raise(ICR_TXDW);
        }
    }

    // ---- reset and removal -----------------------------------------------------------------------

    private void softReset() {
        if (txTimer != null) {
            txTimer.cancel();
        }
        s.reset(romMac);
        msiLevel = false;
        java.util.Arrays.fill(msixLevel, false);
        if (ctx != null) {
            setIntx(false);
        }
    }

    @Override
    public void reset() {
        softReset();
    }

    @Override
    public void detach() {
        if (txTimer != null) {
            txTimer.cancel();
        }
    }

    // ---- views for tests and tools (not registers) ---------------------------------------------

    /** Frames offered to the port since power-on. */
    public long offeredTotal() {
        return s.offeredTotal;
    }

    /** Frames stored in the receive ring since power-on. */
    public long rxFramesTotal() {
        return s.rxFramesTotal;
    }

    /** Frames missed since power-on (what {@link TestNicRegs#MPC} counted). */
    public long missedTotal() {
        return s.missedTotal;
    }

    /** Frames refused for their length or damaged on the wire, since power-on. */
    public long rxErrorsTotal() {
        return s.rxErrorsTotal;
    }

    /** Frames transmitted since power-on. */
    public long txFramesTotal() {
        return s.txFramesTotal;
    }

    /** Transmit descriptors completed without sending (bad length) since power-on. */
    public long txDiscardedTotal() {
        return s.txDiscardedTotal;
    }

    @Override
    public String toString() {
        return String.format("testnic %s mac %012x rx %d/%d missed %d", deviceName(), s.stationAddress(), s.rdh, s.rdt,
                s.missedTotal);
    }
}
