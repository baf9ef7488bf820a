package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.FrameError;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The receive engine of queue 0 (QEMU's {@code e1000e_receive_internal} path, restated from A.9,
 * A.11, A.13). Each frame from the port goes through, in this order:
 * <ol>
 * <li>the gate: STATUS.LU, RCTL.EN and PCI bus mastering, else it is missed (MPC);</li>
 * <li>the address filter (RCTL.UPE/MPE/BAM, the 16 RAL/RAH pairs with AV, the 4096-bit MTA hash
 *     for group addresses with RCTL.MO); a frame it rejects is not received and has no register
 *     on the card, so it is counted in the model's {@link E1000e#filteredTotal()};</li>
 * <li>length: shorter than 60 bytes (without FCS) is a runt (RUC), longer than 1514 (1518 with a
 *     VLAN tag) without RCTL.LPE or longer than the 9234-byte jumbo limit (FCS included) with it is
 *     oversize (ROC); both also count in RLEC;</li>
 * <li>descriptors: the frame (plus a real CRC-32 FCS when RCTL.SECRC is clear) is written through
 *     the device's DMA view into as many RCTL.BSIZE/BSEX buffers as it needs, EOP on the last,
 *     legacy or extended (RFCTL.EXTEN) write-back; with fewer free descriptors than that
 *     (RDH == RDT means none) it is missed (MPC) and RXO raised.</li>
 * </ol>
 * Damaged frames count in CRCERRS (FCS), ALGNERRC (alignment) or SYMERRS (symbol) and are dropped,
 * unless RCTL.SBP, which stores them with CE (FCS, alignment) or SE (symbol) set in the EOP
 * descriptor. A ring the driver programmed badly, or whose descriptor or buffer lies outside the
 * device's DMA view, is stopped: its frames are missed until the driver rewrites the ring's base
 * or length or resets the device.
 *
 * <p>The path for a frame allocates nothing: the DMA copies it straight from the wire's segment,
 * or, when the card must append the FCS (SECRC off), from the card's packet buffer where it was
 * staged, a buffer's worth at a time.
 */
final class E1000eRx {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int[] MTA_SHIFT = {4, 3, 2, 0};
    /** The packet buffer: the largest buffer the card takes, FCS included. */
    static final int RX_FIFO = 16384;

    private final E1000e card;
    private final E1000eState s;
    private final int[] mac;
    private final E1000eInterrupts irq;
    private final byte[] fifoBytes = new byte[RX_FIFO];
    private final MemorySegment fifo = MemorySegment.ofArray(fifoBytes);
    private final CRC32 crc = new CRC32();
    private DeviceContext ctx;

    E1000eRx(E1000e card, E1000eState state, E1000eInterrupts irq) {
        this.card = card;
        this.s = state;
        this.mac = state.mac;
        this.irq = irq;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
    }

    // ---- the port's two entry points -------------------------------------------------------------

    void receive(MemorySegment frame, int length) {
        s.offeredTotal++;
        receive(frame, length, true);
    }

    /** A frame the card's own transmitter looped back (RCTL.LBM = MAC loopback): no wire, so no link needed. */
    void receiveLooped(MemorySegment frame, int length) {
        s.loopedTotal++;
        receive(frame, length, false);
    }

    private void receive(MemorySegment frame, int length, boolean fromWire) {
        if (!gateOpen(fromWire)) {
            missed();
            return;
        }
        long dst = length >= 6 ? destination(frame) : 0;
        if (length >= 6 && !accept(dst)) {
            s.filteredTotal++;
            return;
        }
        if (length < ETH_ZLEN) {
            lengthError(RUC);
            return;
        }
        if (oversize(frame, length)) {
            lengthError(ROC);
            return;
        }
        store(frame, length, 0, dst);
    }

    void receiveErrored(MemorySegment frame, int length, FrameError error) {
        s.offeredTotal++;
        if (!gateOpen(true)) {
            missed();
            return;
        }
        int err;
        switch (error) {
            case FCS -> {
                E1000eStats.inc(mac, CRCERRS);
                err = RXD_ERR_CE;
            }
            case ALIGNMENT -> {
                E1000eStats.inc(mac, ALGNERRC);
                err = RXD_ERR_CE;
            }
            default -> {
                E1000eStats.inc(mac, SYMERRS);
                err = RXD_ERR_SE;
            }
        }
        boolean storable = (mac[RCTL >>> 2] & RCTL_SBP) != 0 && length >= ETH_ZLEN && !oversize(frame, length);
        if (!storable) {
            s.rxErrorsTotal++;
            return;
        }
        long dst = destination(frame); // storable: at least ETH_ZLEN bytes
        if (!accept(dst)) {
            s.filteredTotal++;
            return;
        }
        store(frame, length, err, dst);
    }

    private boolean gateOpen(boolean needLink) {
        return (!needLink || card.linkUp()) && (mac[RCTL >>> 2] & RCTL_EN) != 0 && ctx != null && ctx.busMasterEnabled();
    }

    private void missed() {
        E1000eStats.inc(mac, MPC);
        s.missedTotal++;
    }

    private void lengthError(int reg) {
        E1000eStats.inc(mac, reg);
        E1000eStats.inc(mac, RLEC);
        s.rxErrorsTotal++;
    }

    /**
     * Whether a frame of {@code length} bytes is longer than RCTL.LPE allows (or than the segment
     * holding it). Every limit is at least {@link E1000eRegs#MAX_STD_FRAME}, so the VLAN tag is
     * read only for a frame longer than that: a 64-byte frame costs no look at its type field.
     */
    private boolean oversize(MemorySegment frame, int length) {
        return (length > MAX_STD_FRAME && length > maxLength(frame, length)) || length > frame.byteSize();
    }

    /** Longest frame (without FCS) RCTL.LPE allows; a VLAN-tagged frame may be 4 bytes longer. */
    private int maxLength(MemorySegment frame, int length) {
        if ((mac[RCTL >>> 2] & RCTL_LPE) != 0) {
            return MAX_JUMBO_FRAME_FCS - ETH_FCS_LEN;
        }
        boolean tagged = length >= 14 && (frame.get(BE_SHORT, 12) & 0xFFFF) == (mac[VET >>> 2] & 0xFFFF);
        return tagged ? MAX_VLAN_FRAME : MAX_STD_FRAME;
    }

    // ---- A.9 address filter ------------------------------------------------------------------------

    /**
     * The destination address in the low 48 bits, octet 0 lowest (as RAL/RAH hold it): one 8-byte
     * read when the segment has 8 bytes, which every frame past the runt check has.
     */
    private static long destination(MemorySegment frame) {
        if (frame.byteSize() >= 8) {
            return frame.get(LE_LONG, 0) & 0xFFFF_FFFF_FFFFL;
        }
        return (frame.get(LE_INT, 0) & 0xFFFF_FFFFL) | (long) (frame.get(LE_SHORT, 4) & 0xFFFF) << 32;
    }

    /** Whether destination {@code dst} (as {@link #destination} reads it) passes the filter. */
    private boolean accept(long dst) {
        int rctl = mac[RCTL >>> 2];
        int lo = (int) dst;                                  // octets 0..3 as RAL holds them
        int hi = (int) (dst >>> 32);
        boolean group = (lo & 1) != 0;
        if (group && lo == -1 && hi == 0xFFFF) {
            if ((rctl & (RCTL_BAM | RCTL_MPE)) != 0) {
                return true;
            }
        } else if (group ? (rctl & RCTL_MPE) != 0 : (rctl & RCTL_UPE) != 0) {
            return true;
        }
        for (int i = 0; i < RAR_ENTRIES; i++) {
            int rah = mac[rah(i) >>> 2];
            if (rah < 0 && mac[ral(i) >>> 2] == lo && (rah & 0xFFFF) == hi) {
                return true;
            }
        }
        if (!group) {
            return false;
        }
        int index = ((hi >>> MTA_SHIFT[(rctl & RCTL_MO_MASK) >>> RCTL_MO_SHIFT])) & 0xFFF;
        return (mac[(MTA >>> 2) + (index >>> 5)] & (1 << (index & 31))) != 0;
    }

    /** The receive buffer size RCTL.BSIZE/BSEX select (A.9). */
    static int bufferSize(int rctl) {
        int bsize = (rctl & RCTL_BSIZE_MASK) >>> RCTL_BSIZE_SHIFT;
        if ((rctl & RCTL_BSEX) != 0) {
            return switch (bsize) {
                case 1 -> 16384;
                case 2 -> 8192;
                case 3 -> 4096;
                default -> 2048;
            };
        }
        return switch (bsize) {
            case 1 -> 1024;
            case 2 -> 512;
            case 3 -> 256;
            default -> 2048;
        };
    }

    // ---- descriptors --------------------------------------------------------------------------------

    /** Stores a frame that passed the filter; {@code dst} is its {@link #destination}, for the statistics. */
    private void store(MemorySegment frame, int length, int errors, long dst) {
        int count = E1000eState.ringCount(mac[RDLEN >>> 2]);
        if (s.rxStopped || count == 0) {
            missed();
            return;
        }
        int rdh = mac[RDH >>> 2];
        int rdt = mac[RDT >>> 2];
        if (rdh >= count || rdt >= count) {
            card.stopRx(String.format("RDH %d / RDT %d outside the %d-descriptor ring (RDLEN 0x%x)", rdh, rdt, count,
                    mac[RDLEN >>> 2]));
            missed();
            return;
        }
        int rctl = mac[RCTL >>> 2];
        int total = length;
        // The frame is staged in the FIFO only when the card has to add to it (the FCS, with SECRC
        // off); otherwise the DMA reads straight from the wire's segment, one copy fewer per frame.
        MemorySegment source = frame;
        if ((rctl & RCTL_SECRC) == 0) {
            MemorySegment.copy(frame, 0, fifo, 0, length);
            source = fifo;
            crc.reset();
            crc.update(fifoBytes, 0, length);
            int fcs = (int) crc.getValue() ^ (errors != 0 ? -1 : 0); // a damaged frame keeps a wrong FCS
            fifo.set(LE_INT, length, fcs);
            total += ETH_FCS_LEN;
        }
        int bufSize = bufferSize(rctl);
        int needed = (total + bufSize - 1) >>> Integer.numberOfTrailingZeros(bufSize); // sizes are powers of two
        int free = rdt - rdh;
        if (free < 0) {
            free += count;
        }
        if (needed > free) {
            missed();
            irq.raise(ICR_RXO);
            return;
        }
        boolean extended = (mac[RFCTL >>> 2] & RFCTL_EXTEN) != 0;
        long base = ringBase();
        DmaPort dma = ctx.dma();
        int idx = rdh;
        int off = 0;
        try {
            for (int d = 0; d < needed; d++) {
                long desc = base + (long) idx * DESC_SIZE;
                long buffer = dma.read64(desc);
                int n = Math.min(bufSize, total - off);
                dma.write(buffer, source, off, n);
                boolean eop = d == needed - 1;
                int status = RXD_STAT_DD | (eop ? RXD_STAT_EOP : 0);
                int err = eop ? errors : 0;
                if (extended) {
                    // MRQ, RSS hash / IP-ID + checksum: none computed; then status, errors, length
                    dma.write64Pair(desc, 0L, ((status | err << RXD_EXT_ERR_SHIFT) & 0xFFFF_FFFFL) | (long) n << 32);
                } else {
                    dma.write64(desc + 8, n | (long) (status | err << 8) << 32);
                }
                off += n;
                idx = idx + 1 == count ? 0 : idx + 1;
            }
        } catch (DmaFaultException e) {
            card.stopRx(String.format("descriptor %d at 0x%x (RDBA 0x%x): %s", idx, base + (long) idx * DESC_SIZE,
                    base, e.getMessage()));
            missed();
            return;
        }
        mac[RDH >>> 2] = idx;
        countReceived(dst, length, errors == 0);
        s.rxFramesTotal++;
        if (irq.msix()) {
            irq.raiseRxMsix(ICR_RXQ0);
        } else {
            int threshold = count >>> (((rctl & RCTL_RDMTS_MASK) >>> RCTL_RDMTS_SHIFT) + 1);
            int after = free - needed;
            irq.raiseRx(ICR_RXT0 | (free > threshold && after <= threshold ? ICR_RXDMT0 : 0));
        }
    }

    private long ringBase() {
        return (mac[RDBAL >>> 2] & 0xFFFF_FFF0L) | (long) mac[RDBAH >>> 2] << 32;
    }

    private void countReceived(long dst, int length, boolean good) {
        int size = length + ETH_FCS_LEN;
        E1000eStats.inc(mac, TPR);
        E1000eStats.add64(mac, TORL, size);
        if (!good) {
            return;
        }
        E1000eStats.inc(mac, GPRC);
        E1000eStats.add64(mac, GORCL, size);
        E1000eStats.inc(mac, E1000eStats.sizeBucket(PRC64, size));
        if ((dst & 1) != 0) { // the group bit of octet 0
            E1000eStats.inc(mac, dst == 0xFFFF_FFFF_FFFFL ? BPRC : MPRC);
        }
    }

    /** Lazily made slices {@code [0, n)} of one buffer: made once per length, then reused. */
    static final class Slices {
        private final MemorySegment buffer;
        private final MemorySegment[] byLength;

        Slices(MemorySegment buffer) {
            this.buffer = buffer;
            this.byLength = new MemorySegment[(int) buffer.byteSize() + 1];
        }

        MemorySegment of(int n) {
            MemorySegment seg = byLength[n];
            if (seg == null) {
                seg = buffer.asSlice(0, n);
                byLength[n] = seg;
            }
            return seg;
        }
    }
}
