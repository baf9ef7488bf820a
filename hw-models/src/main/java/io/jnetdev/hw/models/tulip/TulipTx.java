package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.EthernetPort;
import java.lang.foreign.MemorySegment;

/**
 * The transmit process (C.4 TS states, C.8 TDES0/TDES1, C.9; QEMU's {@code tulip_xmit_list_update},
 * restated), paced at the port's line rate.
 *
 * <p>While CSR6.ST is set the process walks the list from the current descriptor. A descriptor the
 * host owns suspends it (TS = 6) with TU; a transmit poll demand (CSR1) or setting ST again walks on.
 * A descriptor with TDES1.SET is a setup frame: its 192-byte buffer programs the address filter
 * ({@link TulipSetupFrame}), its TDES0 becomes 0x7FFFFFFF (C.9) and TI follows if IC is set — no wire
 * time. Data descriptors add buffer 1 and buffer 2 (in chained mode, TDES1.TCH, TDES3 is the next
 * descriptor instead) to the frame FS began, up to the one with LS; a zero-length descriptor outside
 * a frame (Linux's setup-frame errata dummy), or a frame with no bytes at all, is closed at once with
 * TDES0 = 0. A frame shorter
 * than 60 bytes is padded unless TDES1.DPD. Then it occupies the wire for
 * {@link EthernetPort#wireBits} bit times (TS = 2): when its last bit is out it reaches the egress
 * sink — or, with CSR6.OM ≠ 0 (loopback), this chip's own receiver — and its descriptors are closed:
 * OWN cleared, TDES0 = 0 on success, ES|LO|NC when the link is down (the frame went nowhere). IC on
 * the last descriptor raises TI, through {@link TulipMitigation} on the 21143. Clearing ST lets a
 * frame on the wire finish, then TS reads 0.
 *
 * <h2>Bad descriptors</h2>
 * A frame longer than the {@value #TX_BUFFER}-byte transmit buffer (QEMU's limit) is a jabber: the
 * descriptor that overflowed it is closed with ES|TO, TJT and TPS are raised and the process stops.
 * A setup frame whose buffer 1 is not 192 bytes stops the process with TPS (its descriptor is left
 * owned). A list that loops on itself ({@value #MAX_WALK} descriptors in one walk with no frame sent)
 * stops it with TPS. A descriptor or buffer outside the device's DMA view stops it with a fatal bus error
 * (FBE, EB = master abort) and TPS. Each is logged; clearing and setting CSR6.ST, or a software
 * reset, restarts the process.
 */
final class TulipTx {
    /** The transmit buffer: the longest frame the chip sends. */
    static final int TX_BUFFER = 2048;
    /** TDES1 DPD: disable padding. */
    static final int TDES1_DPD = 0x0080_0000;
    /** A frame spread over more descriptors than this is treated as a runaway list. */
    static final int MAX_FRAME_DESCRIPTORS = 1024;
    /** Descriptors one walk of the list takes before it is judged to loop on itself. */
    static final int MAX_WALK = 4096;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[ETH_ZLEN]);

    private final Tulip card;
    private final TulipState s;
    private final TulipInterrupts irq;
    private final TulipMitigation mitigation;
    private final TulipSetupFrame filter;
    private final MemorySegment frame = MemorySegment.ofArray(new byte[TX_BUFFER]);
    private final MemorySegment bounce = MemorySegment.ofArray(new byte[TX_BUFFER]);
    private final MemorySegment[] bounceByLength = new MemorySegment[TX_BUFFER + 1];
    private DeviceContext ctx;
    private DeviceTimer timer;

    /** A frame is being gathered from descriptors (FS seen, LS not yet). */
    private boolean assembling;
    /** A frame is on the wire. */
    private boolean inFlight;
    private int frameLength;
    private int lastControl;
    private long[] frameDescs = new long[8];
    private int frameDescCount;

    TulipTx(Tulip card, TulipState state, TulipInterrupts irq, TulipMitigation mitigation, TulipSetupFrame filter) {
        this.card = card;
        this.s = state;
        this.irq = irq;
        this.mitigation = mitigation;
        this.filter = filter;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        this.timer = context.newTimer("tulip tx", this::frameSent);
    }

    /** Reset and hot-unplug: the frame on the wire is dropped, nothing gathered. */
    void reset() {
        if (timer != null) {
            timer.cancel();
        }
        inFlight = false;
        assembling = false;
        frameDescCount = 0;
    }

    /** CSR6.ST set: suspended, then straight to the list. */
    void start() {
        if (inFlight) {
            s.setTxState(TS_WAIT_END);
            return;
        }
        s.setTxState(TS_SUSPENDED);
        walk();
    }

    /** CSR6.ST cleared: stopped now, or when the frame on the wire is out. */
    void stop() {
        if (!inFlight) {
            s.setTxState(TS_STOPPED);
        }
    }

    /** CSR1 written: a suspended process walks the list again. */
    void pollDemand() {
        if (s.txState() == TS_SUSPENDED) {
            walk();
        }
    }

    boolean transmitting() {
        return (s.csr[6] & TxOn) != 0;
    }

    private MemorySegment bounce(int n) {
        MemorySegment seg = bounceByLength[n];
        if (seg == null) {
            seg = bounce.asSlice(0, n);
            bounceByLength[n] = seg;
        }
        return seg;
    }

    /**
     * Takes descriptors until a frame is complete (then waits for the wire) or one belongs to the host.
     * Without the bus (bus mastering off) the chip cannot fetch a descriptor: the process stays
     * where it is until a poll demand, or bus mastering coming back, walks on.
     */
    private void walk() {
        if (ctx == null || !ctx.busMasterEnabled()) {
            return;
        }
        long a = s.txDesc;
        int steps = 0;
        try {
            while (true) {
                if (++steps > MAX_WALK) {
                    runaway(a);
                    return;
                }
                if (card.descRead(a) >= 0) {
                    s.setTxState(TS_SUSPENDED);
                    irq.raise(TxNoBuf);
                    return;
                }
                int control = card.descRead(a + 4);
                long word3 = card.descRead(a + 12) & 0xFFFF_FFFFL;
                long next = next(a, control, word3);
                if ((control & TDES1_SET) != 0) {
                    if (!setupFrame(a, control)) {
                        return;
                    }
                    a = next;
                    s.txDesc = a;
                    continue;
                }
                boolean chained = (control & TDES1_TCH) != 0;
                int b1 = control & BUF1_SIZE_MASK;
                int b2 = chained ? 0 : (control >>> BUF2_SIZE_SHIFT) & BUF1_SIZE_MASK;
                if ((control & TDES1_FS) != 0) {
                    assembling = true;
                    frameLength = 0;
                    frameDescCount = 0;
                } else if (!assembling) {
                    if (b1 + b2 == 0 && (control & TDES1_LS) == 0) {
                        card.descWrite(a, 0); // a dummy outside any frame: closed at once
                        a = next;
                        s.txDesc = a;
                        continue;
                    }
                    assembling = true; // data without FS starts a frame
                    frameLength = 0;
                    frameDescCount = 0;
                }
                if (frameLength + b1 + b2 > TX_BUFFER || frameDescCount == MAX_FRAME_DESCRIPTORS) {
                    jabber(a, frameLength + b1 + b2);
                    s.txDesc = next;
                    return;
                }
                if (b1 > 0) {
                    ctx.dma().read(card.descRead(a + 8) & 0xFFFF_FFFFL, bounce(b1));
                    MemorySegment.copy(bounce, 0, frame, frameLength, b1);
                    frameLength += b1;
                }
                if (b2 > 0) {
                    ctx.dma().read(word3, bounce(b2));
                    MemorySegment.copy(bounce, 0, frame, frameLength, b2);
                    frameLength += b2;
                }
                if (frameDescCount == frameDescs.length) {
                    frameDescs = java.util.Arrays.copyOf(frameDescs, frameDescs.length * 2);
                }
                frameDescs[frameDescCount++] = a;
                a = next;
                s.txDesc = a;
                if ((control & TDES1_LS) != 0) {
                    lastControl = control;
                    if (frameLength == 0) {
                        closeEmptyFrame(); // nothing to send: closed at once, no wire time
                        continue;
                    }
                    launch();
                    return;
                }
            }
        } catch (DmaFaultException e) {
            assembling = false;
            s.badDescriptorTotal++;
            s.setTxState(TS_STOPPED);
            card.log(String.format("transmit process stopped, fatal bus error: descriptor at 0x%x (list base CSR4 0x%x): %s",
                    a, s.csr[4], e.getMessage()));
            irq.busError(EB_MASTER_ABORT, TxDied);
        }
    }

    /** The descriptor after {@code a}: CSR4 after end of ring, TDES3 when chained, else the next in line. */
    private long next(long a, int control, long word3) {
        long n;
        if ((control & DESC_RING_WRAP) != 0) {
            n = s.csr[4] & 0xFFFF_FFFFL;
        } else if ((control & TDES1_TCH) != 0) {
            n = word3;
        } else {
            n = a + DESC_SIZE + s.skipBytes();
        }
        return n & ~3L;
    }

    /** A setup descriptor: programs the filter. False when it was refused (the process then stopped). */
    private boolean setupFrame(long a, int control) {
        int length = control & BUF1_SIZE_MASK;
        if (length != SETUP_FRAME_LEN) {
            s.badDescriptorTotal++;
            s.setTxState(TS_STOPPED);
            card.log(String.format("transmit process stopped: setup frame at 0x%x is %d bytes, not %d (TDES1 0x%08x)",
                    a, length, SETUP_FRAME_LEN, control));
            irq.raise(TxDied);
            return false;
        }
        MemorySegment setup = bounce(SETUP_FRAME_LEN);
        ctx.dma().read(card.descRead(a + 8) & 0xFFFF_FFFFL, setup);
        filter.load(setup, control);
        card.descWrite(a, TDES0_SETUP_DONE);
        if ((control & TDES1_IC) != 0) {
            mitigation.txDone();
        }
        return true;
    }

    private void jabber(long a, int length) {
        assembling = false;
        s.txJabberTotal++;
        s.badDescriptorTotal++;
        for (int i = 0; i < frameDescCount; i++) {
            card.descWrite(frameDescs[i], 0);
        }
        card.descWrite(a, TDES0_ES | TDES0_TO);
        frameDescCount = 0;
        s.setTxState(TS_STOPPED);
        card.log(String.format("transmit process stopped, jabber: frame reaches %d bytes at descriptor 0x%x, "
                + "over the %d-byte transmit buffer", length, a, TX_BUFFER));
        irq.raise(TxJabber | TxDied);
    }

    private void closeEmptyFrame() {
        assembling = false;
        for (int i = 0; i < frameDescCount; i++) {
            card.descWrite(frameDescs[i], 0);
        }
        frameDescCount = 0;
        if ((lastControl & TDES1_IC) != 0) {
            mitigation.txDone();
        }
    }

    /** More descriptors in one walk than any list can hold without closing one: a list that loops on itself. */
    private void runaway(long a) {
        assembling = false;
        frameDescCount = 0;
        s.badDescriptorTotal++;
        s.setTxState(TS_STOPPED);
        card.log(String.format("transmit process stopped: %d descriptors taken without an end, at 0x%x: the list loops",
                MAX_WALK, a));
        irq.raise(TxDied);
    }

    /** The frame is whole: onto the wire for its bit times. */
    private void launch() {
        assembling = false;
        if (frameLength < ETH_ZLEN && (lastControl & TDES1_DPD) == 0) {
            MemorySegment.copy(ZEROS, 0, frame, frameLength, ETH_ZLEN - frameLength);
            frameLength = ETH_ZLEN;
        }
        inFlight = true;
        s.setTxState(TS_WAIT_END);
        long rate = card.lineRate();
        timer.schedule((EthernetPort.wireBits(frameLength) * 1_000_000_000L + rate - 1) / rate);
    }

    /** The last bit is out: deliver, close the descriptors, TI; then on down the list. */
    private void frameSent() {
        inFlight = false;
        boolean delivered = card.transmit(frame, frameLength);
        if (delivered) {
            s.txFramesTotal++;
        }
        try {
            for (int i = 0; i < frameDescCount - 1; i++) {
                card.descWrite(frameDescs[i], 0);
            }
            card.descWrite(frameDescs[frameDescCount - 1], delivered ? 0 : TDES0_ES | TDES0_LO | TDES0_NC);
        } catch (DmaFaultException e) {
            s.badDescriptorTotal++;
            s.setTxState(TS_STOPPED);
            card.log("transmit process stopped, fatal bus error closing a descriptor: " + e.getMessage());
            irq.busError(EB_MASTER_ABORT, TxDied);
            return;
        }
        frameDescCount = 0;
        if ((lastControl & TDES1_IC) != 0) {
            mitigation.txDone();
        }
        if (!transmitting()) {
            s.setTxState(TS_STOPPED);
            return;
        }
        s.setTxState(TS_SUSPENDED);
        walk();
    }
}
