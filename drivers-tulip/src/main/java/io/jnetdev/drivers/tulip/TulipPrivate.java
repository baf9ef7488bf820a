package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.KernelTimer;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Per-device state ({@code struct tulip_private}, the net device's private area): the CSR
 * window, the chip's table entry, the rings and their indices, the shadow CSR0/CSR6 values,
 * the mitigation flag, and the statistics.
 *
 * <p>Memory, allocated once in probe with managed calls (so freed after remove): one coherent
 * block with the 128 receive descriptors followed by the 32 transmit descriptors, as Linux
 * allocates it, and coherent buffers: 1540 bytes per receive descriptor, 1536 per transmit
 * descriptor, and the 192-byte setup frame. Frames are copied between these buffers and skbs,
 * so nothing is mapped per frame and a receive descriptor always owns its buffer: Linux's
 * refill reduces to handing the descriptor back to the chip.
 *
 * <p>The ring indices count up forever as in Linux ({@code cur_rx}, {@code dirty_rx},
 * {@code cur_tx}, {@code dirty_tx}); their differences are taken in {@code int} arithmetic, which
 * wraps as Linux's unsigned ints do.
 */
final class TulipPrivate {
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** {@link #txKind} values: a frame, the setup frame, the errata's dummy descriptor. */
    static final byte TX_FRAME = 0;
    static final byte TX_SETUP = 1;
    static final byte TX_DUMMY = 2;

    final PciDev pdev;
    final NetDevice netdev;
    final Kernel kernel;
    final IoRegion io;
    final TulipChip chip;
    /** {@code tulip_max_interrupt_work}: loop passes per interrupt. */
    final int maxInterruptWork;
    /** {@code tulip_rx_copybreak}: kept and reported; every frame takes the copy path here. */
    final int rxCopybreak;
    /** {@code CONFIG_TULIP_NAPI_HW_MITIGATION} (the {@code hw_mitigation} parameter): whether the poll switches CSR11 mitigation. */
    final boolean hwMitigation;
    /** {@code tp->lock}: the transmit ring between xmit, the handler's reclaim and the setup frame. */
    final SpinLock lock;

    final DmaBuffer ringMem;
    final MemorySegment rxRing;
    final MemorySegment txRing;
    final long rxRingDma;
    final long txRingDma;
    final DmaBuffer rxBufMem;
    final MemorySegment rxBufs;
    final DmaBuffer txBufMem;
    final MemorySegment txBufs;
    final DmaBuffer setupMem;
    /** {@code tp->setup_frame}. */
    final MemorySegment setupFrame;
    /** Per transmit descriptor: what it carries ({@code tx_buffers[entry].skb == NULL} for setup and dummy). */
    final byte[] txKind = new byte[TX_RING_SIZE];
    /** Per transmit descriptor: the frame's length, for {@code tx_bytes}. */
    final int[] txLen = new int[TX_RING_SIZE];

    int curRx;
    int dirtyRx;
    int curTx;
    int dirtyTx;
    /** {@code tp->csr0}. */
    int csr0 = CSR0_DEFAULT;
    /** {@code tp->csr6}: the operation mode without RX/TX on. */
    int csr6;
    /** {@code tp->mit_on}: CSR11 holds {@link TulipRegs#MIT_ON}. */
    boolean mitOn;
    /** {@code tp->ttimer}. */
    int ttimer;
    /** {@code tp->nir}: interrupts the handler took as its own. */
    long nir;
    /** The interface is up and the chip running: handlers and timers may touch it. */
    volatile boolean running;
    TulipEeprom eeprom;
    TulipEeprom.MediaLeaf mediaLeaf;
    Napi napi;
    /** The INTx line, requested shared at open. */
    int irq;
    KernelTimer mediaTimer;
    Work resetTask;

    // ---- dev->stats as the Linux driver keeps them ----
    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    long rxErrors;
    long txErrors;
    long rxLengthErrors;
    long rxCrcErrors;
    long rxFrameErrors;
    long rxFifoErrors;
    long rxMissedErrors;
    long rxDropped;
    long txAbortedErrors;
    long txCarrierErrors;
    long txWindowErrors;
    long txFifoErrors;
    long txHeartbeatErrors;
    long txDropped;
    long collisions;

    // ---- the driver's own counters (ethtool -S) ----
    long polls;
    long mitigationOn;
    long mitigationOff;
    long tooMuchWork;
    long systemErrors;
    long chipResets;
    long setupFrames;
    long txTimeouts;

    TulipPrivate(PciDev pdev, NetDevice netdev, IoRegion io, TulipChip chip, int maxInterruptWork, int rxCopybreak,
                 boolean hwMitigation) throws ErrnoException {
        this.hwMitigation = hwMitigation;
        this.pdev = pdev;
        this.netdev = netdev;
        this.kernel = pdev.kernel();
        this.io = io;
        this.chip = chip;
        this.maxInterruptWork = maxInterruptWork;
        this.rxCopybreak = rxCopybreak;
        this.lock = kernel.spinLockInit("tulip lock");
        ringMem = pdev.dmamAllocCoherent((long) (RX_RING_SIZE + TX_RING_SIZE) * DESC_SIZE);
        rxRing = ringMem.segment().asSlice(0, (long) RX_RING_SIZE * DESC_SIZE);
        txRing = ringMem.segment().asSlice((long) RX_RING_SIZE * DESC_SIZE, (long) TX_RING_SIZE * DESC_SIZE);
        rxRingDma = ringMem.dmaAddress();
        txRingDma = ringMem.dmaAddress() + (long) RX_RING_SIZE * DESC_SIZE;
        rxBufMem = pdev.dmamAllocCoherent((long) RX_RING_SIZE * PKT_BUF_SZ);
        rxBufs = rxBufMem.segment();
        txBufMem = pdev.dmamAllocCoherent((long) TX_RING_SIZE * (PKT_BUF_SZ - 4));
        txBufs = txBufMem.segment();
        setupMem = pdev.dmamAllocCoherent(SETUP_FRAME_LEN);
        setupFrame = setupMem.segment();
    }

    // ---- register and descriptor access ------------------------------------------------------

    int ioread32(int csr) {
        return io.read32(csr);
    }

    void iowrite32(int value, int csr) {
        io.write32(csr, value);
    }

    static int rxEntry(int index) {
        return index & (RX_RING_SIZE - 1);
    }

    static int txEntry(int index) {
        return index & (TX_RING_SIZE - 1);
    }

    int rxDesc(int entry, int word) {
        return rxRing.get(LE_INT, (long) entry * DESC_SIZE + word);
    }

    void setRxDesc(int entry, int word, int value) {
        rxRing.set(LE_INT, (long) entry * DESC_SIZE + word, value);
    }

    int txDesc(int entry, int word) {
        return txRing.get(LE_INT, (long) entry * DESC_SIZE + word);
    }

    void setTxDesc(int entry, int word, int value) {
        txRing.set(LE_INT, (long) entry * DESC_SIZE + word, value);
    }

    long rxBufOffset(int entry) {
        return (long) entry * PKT_BUF_SZ;
    }

    int rxBufDma(int entry) {
        return (int) (rxBufMem.dmaAddress() + rxBufOffset(entry));
    }

    long txBufOffset(int entry) {
        return (long) entry * (PKT_BUF_SZ - 4);
    }

    int txBufDma(int entry) {
        return (int) (txBufMem.dmaAddress() + txBufOffset(entry));
    }

    // ---- rings (tulip_core.c) -------------------------------------------------------------------

    /**
     * {@code tulip_init_ring}: every receive descriptor owned by the chip with its 1540-byte
     * buffer, the last one marked end of ring; buffer 2 holds the next descriptor's address for
     * clones that only chain. Transmit descriptors all the driver's.
     */
    void initRing() {
        ttimer = 0;
        nir = 0;
        for (int i = 0; i < RX_RING_SIZE; i++) {
            boolean last = i == RX_RING_SIZE - 1;
            setRxDesc(i, DESC_STATUS, 0);
            setRxDesc(i, DESC_LENGTH, PKT_BUF_SZ | (last ? DESC_RING_WRAP : 0));
            setRxDesc(i, DESC_BUFFER2, (int) (last ? rxRingDma : rxRingDma + (long) DESC_SIZE * (i + 1)));
        }
        for (int i = 0; i < RX_RING_SIZE; i++) {
            setRxDesc(i, DESC_BUFFER1, rxBufDma(i));
            setRxDesc(i, DESC_STATUS, DescOwned);
        }
        dirtyRx = 0;
        curRx = 0;
        for (int i = 0; i < TX_RING_SIZE; i++) {
            boolean last = i == TX_RING_SIZE - 1;
            txKind[i] = TX_FRAME;
            txLen[i] = 0;
            setTxDesc(i, DESC_STATUS, 0);
            setTxDesc(i, DESC_LENGTH, 0);
            setTxDesc(i, DESC_BUFFER1, 0);
            setTxDesc(i, DESC_BUFFER2, (int) (last ? txRingDma : txRingDma + (long) DESC_SIZE * (i + 1)));
        }
        curTx = 0;
        dirtyTx = 0;
    }

    /**
     * {@code tulip_refill_rx}: every descriptor consumed since the last refill goes back to the
     * chip. Its buffer never left it (the frame was copied out), so only ownership changes.
     */
    int refillRx() {
        int refilled = 0;
        for (; curRx - dirtyRx > 0; dirtyRx++) {
            setRxDesc(rxEntry(dirtyRx), DESC_STATUS, DescOwned);
            refilled++;
        }
        return refilled;
    }

    /** {@code tulip_start_rxtx}: CSR6 with RX and TX on, read back to flush. */
    void startRxtx() {
        iowrite32(csr6 | RxTx, CSR6);
        ioread32(CSR6);
    }

    /** {@code tulip_stop_rxtx}: RX and TX off, then up to 1.3 ms for both processes to reach "stopped". */
    void stopRxtx() {
        int v = ioread32(CSR6);
        if ((v & RxTx) != 0) {
            iowrite32(v & ~RxTx, CSR6);
            int i = 1300 / 10;
            while (--i > 0 && (ioread32(CSR5) & (CSR5_TS | CSR5_RS)) != 0) {
                kernel.udelay(10);
            }
            if (i == 0) {
                pdev.warn(String.format("%s: tulip_stop_rxtx() failed (CSR5 0x%x CSR6 0x%x)", netdev.name(),
                        ioread32(CSR5), ioread32(CSR6)));
            }
        }
    }

    /** {@code tulip_restart_rxtx}. */
    void restartRxtx() {
        stopRxtx();
        kernel.udelay(5);
        startRxtx();
    }

    /**
     * Reads CSR8 (which clears it) and counts the missed frames it reports, once, as
     * {@code rx_missed_errors}: overflow (bit 16) counts as 0x10000, as the handler's harvest does.
     */
    long harvestMissed() {
        int csr8 = ioread32(CSR8);
        long missed = (csr8 & CSR8_MISSED_OVERFLOW) != 0 ? 0x10000 : csr8 & CSR8_MISSED;
        if (missed > 0) {
            rxMissedErrors += missed;
            netdev.countRxDrop("rx_missed_errors", missed);
        }
        return missed;
    }
}
