package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.FrameError;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32;

/**
 * The receive process (C.4 RS states, C.8 RDES0/RDES1, C.6 CSR8; QEMU's {@code tulip_receive},
 * restated). Each frame from the port goes through, in this order:
 * <ol>
 * <li>the gate: the receive process running or suspended (CSR6.SR set and not stopped by an error),
 *     the link up and PCI bus mastering on, else the frame is missed (CSR8);</li>
 * <li>the address filter ({@link TulipSetupFrame}); a frame it rejects is counted in the model's
 *     {@link Tulip#filteredTotal()} and in no register;</li>
 * <li>length and damage: shorter than 60 bytes (without FCS) is a runt, longer than 1518 an
 *     oversize frame, and a frame damaged on the wire has a bad FCS. As on the 21143 (its RDES0
 *     RF, TL and CE descriptions; Linux's {@code tulip_rx} counts {@code rx_crc_errors} and
 *     {@code rx_length_errors} from them with PB clear), only runts depend on CSR6.PB (pass bad
 *     frames): without it a runt is refused and counted in {@link Tulip#rxErrorsTotal()}, in no
 *     register; with it it is stored with RDES0.ES|RF. An oversize frame is stored with ES|TL and a
 *     damaged one with ES|CE (DB|CE for an alignment error, RE|CE for a symbol error: the chip
 *     sets CE when the PHY reports a receive error), whatever PB says — the host sees and counts
 *     them. A frame with no header, or one that with its FCS overruns the {@value #RX_BUFFER}-byte
 *     receive buffer, is refused and counted as an error even with PB. 1515–1518 bytes (a
 *     VLAN-tagged frame) is stored with TL and no error summary, which is how Linux's acceptance
 *     test reads it;</li>
 * <li>descriptors: the frame plus a real CRC-32 FCS goes into the buffers of as many chip-owned
 *     descriptors as it needs, starting at the current one: buffer 1 then buffer 2 of each (in
 *     chained mode, RDES1.RCH, RDES3 is the next descriptor instead of a buffer); each is closed by
 *     clearing OWN, the first with FS, the last with LS, the frame length (FCS included) in FL,
 *     MF for a group destination and FF when only promiscuous mode let it in. The next descriptor
 *     is CSR3 after one with RER (end of ring), RDES3 after one with RCH, else the following one
 *     (16 bytes plus CSR0's skip length on).</li>
 * </ol>
 * RI follows each stored frame, through {@link TulipMitigation} on the 21143.
 *
 * <h2>No buffer</h2>
 * When the current descriptor — or any the frame would need — belongs to the host, nothing is
 * written: the frame is missed (CSR8 counts it, as Linux's {@code rx_missed} expects), and the
 * process suspends (RS = 4) raising RU once, on entering the state. While suspended it looks at the
 * current descriptor again for each new frame, and at once on a receive poll demand (CSR2): when
 * the host has given it back the process runs again (RS = 3).
 *
 * <h2>Bad descriptors</h2>
 * A descriptor with no room at all (both sizes 0; buffer 1 size 0 when chained) stops the process
 * (RS = 0) with RPS; a descriptor or buffer outside the device's DMA view stops it with a fatal bus
 * error (FBE, EB = master abort) and RPS. Either is logged through the device context; the frame is
 * missed. CSR6.SR cleared and set again, or a software reset, restarts the process.
 *
 * <p>The path for a frame allocates nothing: the frame is staged once, in the chip's receive
 * buffer, where the FCS is appended.
 */
final class TulipRx {
    /** Receive buffer: the longest frame the chip stores (with CSR6.PB), FCS included. */
    static final int RX_BUFFER = 2048;
    /** Longest frame (without FCS) stored as good, with TL: a VLAN-tagged maximum frame. */
    static final int MAX_FRAME = ETH_FRAME_LEN + 4;
    /** RDES0 RE: MII error (a symbol error). */
    static final int RDES0_RE = 0x0000_0008;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Tulip card;
    private final TulipState s;
    private final TulipInterrupts irq;
    private final TulipMitigation mitigation;
    private final TulipSetupFrame filter;
    private final byte[] bufferBytes = new byte[RX_BUFFER];
    private final MemorySegment buffer = MemorySegment.ofArray(bufferBytes);
    private final CRC32 crc = new CRC32();
    private DeviceContext ctx;

    // the descriptors a frame is going into, found before anything is written
    private long[] descAddr = new long[8];
    private long[] buf1 = new long[8];
    private long[] buf2 = new long[8];
    private int[] size1 = new int[8];
    private int[] size2 = new int[8];

    TulipRx(Tulip card, TulipState state, TulipInterrupts irq, TulipMitigation mitigation, TulipSetupFrame filter) {
        this.card = card;
        this.s = state;
        this.irq = irq;
        this.mitigation = mitigation;
        this.filter = filter;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
    }

    // ---- process control -------------------------------------------------------------------------

    /** CSR6.SR set: the process runs from the current descriptor. */
    void start() {
        s.setRxState(RS_WAIT);
    }

    /** CSR6.SR cleared. */
    void stop() {
        s.setRxState(RS_STOPPED);
    }

    /** CSR2 written: a suspended process looks at the current descriptor again. */
    void pollDemand() {
        if (s.rxState() != RS_SUSPENDED || ctx == null || !ctx.busMasterEnabled()) { // no bus: looked at when it is back
            return;
        }
        try {
            if (card.descRead(s.rxDesc) < 0) {
                s.setRxState(RS_WAIT);
            }
        } catch (DmaFaultException e) {
            fault("poll demand, descriptor at 0x" + Long.toHexString(s.rxDesc), e);
        }
    }

    // ---- the port's entry points -----------------------------------------------------------------

    void receive(MemorySegment frame, int length) {
        s.offeredTotal++;
        receive(frame, length, true);
    }

    /** A frame the chip's own transmitter looped back (CSR6.OM): no wire, so no link needed. */
    void receiveLooped(MemorySegment frame, int length) {
        s.loopedTotal++;
        receive(frame, length, false);
    }

    private void receive(MemorySegment frame, int length, boolean needLink) {
        if (!gateOpen(needLink)) {
            s.missed();
            return;
        }
        int flags = filterFlags(frame, length);
        if (flags < 0) {
            s.filteredTotal++;
            return;
        }
        int errors = 0;
        if (length < ETH_ZLEN) {
            errors = RDES0_ES | RDES0_RF;
        } else if (length > MAX_FRAME) {
            errors = RDES0_ES | RDES0_TL;
        } else if (length > ETH_FRAME_LEN) {
            flags |= RDES0_TL;
        }
        if (errors != 0 && !storable(length)) {
            s.rxErrorsTotal++;
            return;
        }
        store(frame, length, flags | errors);
    }

    void receiveErrored(MemorySegment frame, int length, FrameError error) {
        s.offeredTotal++;
        if (!gateOpen(true)) {
            s.missed();
            return;
        }
        if (!storable(length)) {
            s.rxErrorsTotal++;
            return;
        }
        int flags = filterFlags(frame, length);
        if (flags < 0) {
            s.filteredTotal++;
            return;
        }
        int errors = switch (error) {
            case FCS -> RDES0_ES | RDES0_CE;
            case ALIGNMENT -> RDES0_ES | RDES0_CE | RDES0_DB;
            case SYMBOL -> RDES0_ES | RDES0_RE | RDES0_CE;
        };
        if (length < ETH_ZLEN) {
            errors |= RDES0_RF;
        } else if (length > ETH_FRAME_LEN) {
            errors |= RDES0_TL;
        }
        store(frame, length, flags | errors);
    }

    /**
     * Whether a bad frame is stored: it must have a header and fit the receive buffer, and a runt
     * also needs CSR6.PB; a too-long or damaged frame is stored (with its error bits) without it.
     */
    private boolean storable(int length) {
        if (length < 14 || length + ETH_FCS_LEN > RX_BUFFER) {
            return false;
        }
        return length >= ETH_ZLEN || (s.csr[6] & AcceptRunt) != 0;
    }

    private boolean gateOpen(boolean needLink) {
        return s.rxState() != RS_STOPPED && (!needLink || card.linkUp()) && ctx != null && ctx.busMasterEnabled();
    }

    /** RDES0 flags the filter adds (MF, FF), or -1 when it rejects the frame. */
    private int filterFlags(MemorySegment frame, int length) {
        if (length < 6) {
            return 0; // no destination to filter on: judged by length alone
        }
        long dst = 0;
        for (int i = 0; i < 6; i++) {
            dst = dst << 8 | (frame.get(ValueLayout.JAVA_BYTE, i) & 0xFF);
        }
        int verdict = filter.filter(dst, s.csr[6]);
        if (verdict == TulipSetupFrame.REJECT) {
            return -1;
        }
        int flags = (dst >>> 40 & 1) != 0 ? RDES0_MF : 0;
        return verdict == TulipSetupFrame.ACCEPT_PROMISCUOUS ? flags | RDES0_FF : flags;
    }

    // ---- descriptors -------------------------------------------------------------------------------

    private void store(MemorySegment frame, int length, int status) {
        int total = length + ETH_FCS_LEN;
        MemorySegment.copy(frame, 0, buffer, 0, length);
        crc.reset();
        crc.update(bufferBytes, 0, length);
        int fcs = (int) crc.getValue();
        buffer.set(LE_INT, length, (status & RDES0_CE) != 0 ? ~fcs : fcs); // a damaged frame keeps a wrong FCS
        DmaPort dma = ctx.dma();
        long a = s.rxDesc;
        int n = 0;
        int room = 0;
        try {
            while (room < total) {
                if (n > 0 && seen(a, n)) {
                    noBuffer(); // the list came round to a descriptor this frame already takes
                    return;
                }
                if (card.descRead(a) >= 0) {
                    noBuffer();
                    return;
                }
                int control = card.descRead(a + 4);
                boolean chained = (control & RDES1_RCH) != 0;
                int b1 = control & BUF1_SIZE_MASK;
                int b2 = chained ? 0 : (control >>> BUF2_SIZE_SHIFT) & BUF1_SIZE_MASK;
                long word3 = card.descRead(a + 12) & 0xFFFF_FFFFL;
                if (b1 + b2 == 0) {
                    badDescriptor(a, control);
                    return;
                }
                ensure(n + 1);
                descAddr[n] = a;
                size1[n] = b1;
                size2[n] = b2;
                buf1[n] = card.descRead(a + 8) & 0xFFFF_FFFFL;
                buf2[n] = word3;
                n++;
                room += b1 + b2;
                a = next(a, control, word3);
            }
            int off = 0;
            for (int i = 0; i < n; i++) {
                int chunk = Math.min(size1[i], total - off);
                if (chunk > 0) {
                    dma.write(buf1[i], buffer, off, chunk);
                    off += chunk;
                }
                chunk = Math.min(size2[i], total - off);
                if (chunk > 0) {
                    dma.write(buf2[i], buffer, off, chunk);
                    off += chunk;
                }
            }
            // closed only once every buffer is written, so a fault leaves no half-delivered frame
            for (int i = 0; i < n; i++) {
                int rdes0 = (i == 0 ? RDES0_FS : 0) | (i == n - 1 ? RDES0_LS | total << RDES0_FL_SHIFT | status : 0);
                card.descWrite(descAddr[i], rdes0);
            }
        } catch (DmaFaultException e) {
            fault(String.format("descriptor at 0x%x (list base CSR3 0x%x)", a, s.csr[3]), e);
            s.missed();
            return;
        }
        s.rxDesc = a;
        s.setRxState(RS_WAIT);
        s.rxFramesTotal++;
        mitigation.rxDone();
    }

    private boolean seen(long a, int n) {
        for (int i = 0; i < n; i++) {
            if (descAddr[i] == a) {
                return true;
            }
        }
        return false;
    }

    /** The descriptor after {@code a}: CSR3 after end of ring, RDES3 when chained, else the next in line. */
    private long next(long a, int control, long word3) {
        long n;
        if ((control & DESC_RING_WRAP) != 0) {
            n = s.csr[3] & 0xFFFF_FFFFL;
        } else if ((control & RDES1_RCH) != 0) {
            n = word3;
        } else {
            n = a + DESC_SIZE + s.skipBytes();
        }
        return n & ~3L;
    }

    private void ensure(int n) {
        if (n > descAddr.length) {
            int size = descAddr.length * 2;
            descAddr = java.util.Arrays.copyOf(descAddr, size);
            buf1 = java.util.Arrays.copyOf(buf1, size);
            buf2 = java.util.Arrays.copyOf(buf2, size);
            size1 = java.util.Arrays.copyOf(size1, size);
            size2 = java.util.Arrays.copyOf(size2, size);
        }
    }

    /** The host owns a descriptor the frame needs: missed, and RU on entering the suspended state. */
    private void noBuffer() {
        s.missed();
        if (s.rxState() != RS_SUSPENDED) {
            s.setRxState(RS_SUSPENDED);
            irq.raise(RxNoBuf);
        }
    }

    private void badDescriptor(long a, int control) {
        s.badDescriptorTotal++;
        s.missed();
        s.setRxState(RS_STOPPED);
        card.log(String.format("receive process stopped: descriptor at 0x%x has no room (RDES1 0x%08x: buffer sizes %d and %d%s)",
                a, control, control & BUF1_SIZE_MASK, (control >>> BUF2_SIZE_SHIFT) & BUF1_SIZE_MASK,
                (control & RDES1_RCH) != 0 ? ", chained" : ""));
        irq.raise(RxDied);
    }

    private void fault(String where, DmaFaultException e) {
        s.badDescriptorTotal++;
        s.setRxState(RS_STOPPED);
        card.log("receive process stopped, fatal bus error: " + where + ": " + e.getMessage());
        irq.busError(EB_MASTER_ABORT, RxDied);
    }
}
