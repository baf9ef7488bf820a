package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.EthernetPort;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The transmit engine of queue 0 (QEMU's {@code e1000e_start_xmit}, restated from A.10, A.11,
 * A.13), paced at the port's line rate.
 *
 * <p>While TCTL.EN is set and the ring is valid, the engine takes the descriptors from TDH up to
 * TDT one frame at a time: legacy data descriptors and extended data descriptors (DEXT with DTYP
 * data) contribute their buffers until one with EOP; context descriptors (DEXT, DTYP 0) are
 * consumed without effect (no checksum or segmentation offload is modelled). A chain that TDT
 * cuts before its EOP waits for the driver to advance TDT. The frame is padded to 60 bytes with
 * TCTL.PSP, then occupies the wire for {@link EthernetPort#wireBits} bit times: it reaches the
 * egress sink (only while the link is up) when its last bit is out, its descriptors are written
 * back (DD, when RS is set or IVAR bit 31 asks for every write-back) and TDH advances; then the
 * next frame starts. Causes: TXDW (INTx/MSI) or TXQ0 (MSI-X) after a write-back, TXQE when the ring
 * is drained; IDE on a descriptor lets TIDV/TADV delay them.
 *
 * <p>A frame longer than the 16 KiB transmit buffer is consumed and dropped (logged). A ring the
 * driver programmed badly, or a descriptor or buffer outside the device's DMA view, stops the
 * ring (logged) until its base or length is rewritten or the device reset.
 */
final class E1000eTx {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final int TX_FIFO = 16384;
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[ETH_ZLEN]);

    private final E1000e card;
    private final E1000eState s;
    private final int[] mac;
    private final E1000eInterrupts irq;
    private final MemorySegment fifo = MemorySegment.ofArray(new byte[TX_FIFO]);
    private final MemorySegment bounce = MemorySegment.ofArray(new byte[TX_FIFO]);
    private final E1000eRx.Slices bounceSlices = new E1000eRx.Slices(bounce);
    private DeviceContext ctx;
    private DeviceTimer timer;

    /** A frame is on the wire: its bytes are in {@link #fifo}, its descriptors end before {@link #frameEnd}. */
    private boolean inFlight;
    /** Length on the wire, or -1 for a frame consumed without sending (too long, empty). */
    private int frameLength;
    private int frameEnd;

    E1000eTx(E1000e card, E1000eState state, E1000eInterrupts irq) {
        this.card = card;
        this.s = state;
        this.mac = state.mac;
        this.irq = irq;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        this.timer = context.newTimer("e1000e tx", this::txEvent);
    }

    void reset() {
        if (timer != null) {
            timer.cancel();
        }
        inFlight = false;
    }

    /** TDT or TCTL written: start the engine if it is idle (a running engine picks the new work up itself). */
    void kick() {
        if (timer != null && !timer.pending()) {
            timer.schedule(0);
        }
    }

    private void txEvent() {
        if (inFlight) {
            complete();
        }
        startNext();
    }

    private int ringCount() {
        return E1000eState.ringCount(mac[TDLEN >>> 2]);
    }

    private long ringBase() {
        return (mac[TDBAL >>> 2] & 0xFFFF_FFF0L) | (long) mac[TDBAH >>> 2] << 32;
    }

    /** Fetches the next whole frame from the ring and puts it on the wire. */
    private void startNext() {
        int count = ringCount();
        if ((mac[TCTL >>> 2] & TCTL_EN) == 0 || s.txStopped || count == 0 || !ctx.busMasterEnabled()) {
            return;
        }
        int tdh = mac[TDH >>> 2];
        int tdt = mac[TDT >>> 2];
        if (tdh >= count || tdt >= count) {
            card.stopTx(String.format("TDH %d / TDT %d outside the %d-descriptor ring (TDLEN 0x%x)", tdh, tdt, count,
                    mac[TDLEN >>> 2]));
            return;
        }
        if (tdh == tdt) {
            return;
        }
        long base = ringBase();
        DmaPort dma = ctx.dma();
        int idx = tdh;
        int length = 0;
        boolean tooLong = false;
        try {
            while (true) {
                if (idx == tdt) {
                    return; // the chain has no EOP yet: wait for the driver to hand over the rest
                }
                long desc = base + (long) idx * DESC_SIZE;
                int lower = dma.read32(desc + 8);
                idx = idx + 1 == count ? 0 : idx + 1;
                boolean dext = (lower & TXD_CMD_DEXT) != 0;
                if (dext && (lower & TXD_DTYP_MASK) != TXD_DTYP_D) {
                    continue; // context descriptor: offload parameters, not modelled
                }
                int n = dext ? lower & 0xFFFFF : lower & 0xFFFF;
                if (n > 0) {
                    if (length + n > TX_FIFO) {
                        tooLong = true;
                    } else {
                        dma.read(dma.read64(desc), bounceSlices.of(n));
                        MemorySegment.copy(bounce, 0, fifo, length, n);
                    }
                    length += n;
                }
                if ((lower & TXD_CMD_EOP) != 0) {
                    break;
                }
            }
        } catch (DmaFaultException e) {
            card.stopTx(String.format("descriptor %d (TDBA 0x%x): %s", idx, base, e.getMessage()));
            return;
        }
        frameEnd = idx;
        inFlight = true;
        if (tooLong || length == 0) {
            if (tooLong) {
                ctx.log(String.format("e1000e: transmit frame of %d bytes at TDH %d exceeds the %d-byte buffer: dropped",
                        length, tdh, TX_FIFO));
            }
            frameLength = -1;
            timer.schedule(0);
            return;
        }
        if (length < ETH_ZLEN && (mac[TCTL >>> 2] & TCTL_PSP) != 0) {
            MemorySegment.copy(ZEROS, 0, fifo, length, ETH_ZLEN - length);
            length = ETH_ZLEN;
        }
        frameLength = length;
        long rate = card.lineRate();
        long nanos = (EthernetPort.wireBits(length) * 1_000_000_000L + rate - 1) / rate;
        timer.schedule(nanos);
    }

    /** The frame's last bit is out: hand it to the wire, write the descriptors back, raise the causes. */
    private void complete() {
        inFlight = false;
        int len = frameLength;
        if (len > 0 && card.transmit(fifo, len)) {
            countSent(len);
            s.txFramesTotal++;
        }
        int count = ringCount();
        if (count == 0 || s.txStopped) {
            return;
        }
        long base = ringBase();
        DmaPort dma = ctx.dma();
        boolean everyWb = (mac[IVAR >>> 2] & IVAR_TX_INT_EVERY_WB) != 0;
        boolean wroteBack = false;
        boolean ide = false;
        int idx = mac[TDH >>> 2];
        try {
            while (idx != frameEnd) {
                long desc = base + (long) idx * DESC_SIZE;
                int lower = dma.read32(desc + 8);
                ide |= (lower & TXD_CMD_IDE) != 0;
                if ((lower & TXD_CMD_RS) != 0 || everyWb) {
                    dma.write32(desc + 12, dma.read32(desc + 12) | TXD_STAT_DD);
                    wroteBack = true;
                }
                idx = idx + 1 == count ? 0 : idx + 1;
            }
        } catch (DmaFaultException e) {
            card.stopTx(String.format("write-back of descriptor %d (TDBA 0x%x): %s", idx, base, e.getMessage()));
            return;
        }
        mac[TDH >>> 2] = frameEnd;
        int causes = wroteBack ? (irq.msix() ? ICR_TXQ0 : ICR_TXDW) : 0;
        if (frameEnd == mac[TDT >>> 2]) {
            causes |= ICR_TXQE;
        }
        if (causes != 0) {
            irq.raiseTx(causes, ide);
        }
    }

    private void countSent(int length) {
        int size = length + ETH_FCS_LEN;
        E1000eStats.inc(mac, GPTC);
        E1000eStats.inc(mac, TPT);
        E1000eStats.add64(mac, GOTCL, size);
        E1000eStats.add64(mac, TOTL, size);
        E1000eStats.inc(mac, E1000eStats.sizeBucket(PTC64, size));
        if ((fifo.get(ValueLayout.JAVA_BYTE, 0) & 1) != 0) {
            boolean broadcast = fifo.get(LE_INT, 0) == -1 && fifo.get(LE_SHORT, 4) == (short) -1;
            E1000eStats.inc(mac, broadcast ? BPTC : MPTC);
        }
    }
}
