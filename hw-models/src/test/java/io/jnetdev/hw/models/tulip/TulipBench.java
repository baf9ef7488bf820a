package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.models.testing.FakeDeviceContext;
import io.jnetdev.hw.models.testing.TestFrames;
import io.jnetdev.hw.models.testing.WireRecorder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A Tulip on a {@link FakeDeviceContext}, with what a test's "driver" does the way Linux's tulip
 * driver does it: CSR access through BAR1, rings in host memory laid out as {@code tulip_init_ring}
 * lays them out (contiguous, end-of-ring on the last, buffer 2 holding the next descriptor's address
 * without the chained bit), setup frames as {@code build_setup_frame_perfect} builds them, frames to
 * offer, and a sink that records what the card sends with its virtual time.
 * Memory map: RX ring at {@link #RX_RING}, RX buffers from {@link #RX_BUFS} (2 KiB apart), TX ring
 * at {@link #TX_RING}, TX buffers from {@link #TX_BUFS} (2 KiB apart).
 */
final class TulipBench {
    static final long RX_RING = FakeDeviceContext.MEM_BASE;
    static final long RX_BUFS = FakeDeviceContext.MEM_BASE + 0x10_0000;
    static final long TX_RING = FakeDeviceContext.MEM_BASE + 0x20_0000;
    static final long TX_BUFS = FakeDeviceContext.MEM_BASE + 0x21_0000;
    static final long MAC = Tulip.DEFAULT_MAC;
    static final long OTHER_MAC = 0x0200_0000_0001L;
    static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    /** Linux's receive buffer size (PKT_BUF_SZ, C.11). */
    static final int PKT_BUF_SZ = 1540;


    final Tulip nic;
    final FakeDeviceContext ctx = new FakeDeviceContext();
    final List<WireRecorder.Sent> sent;
    int txCount;
    int txNext;

    TulipBench() {
        this(Tulip.dec21143(MAC));
    }

    TulipBench(Tulip nic) {
        this.nic = nic;
        nic.attach(ctx);
        WireRecorder wire = new WireRecorder(ctx);
        sent = wire.sent;
        nic.port().connect(wire);
    }

    int r(int off) {
        return (int) nic.read(BAR_MEM, off, 4);
    }

    void w(int off, int v) {
        nic.write(BAR_MEM, off, 4, v & 0xFFFF_FFFFL);
    }

    // ---- receive ---------------------------------------------------------------------------------

    /** An RX ring of {@code n} chip-owned descriptors with {@link #PKT_BUF_SZ}-byte buffers, CSR3 pointing at it. */
    void rxRing(int n) {
        for (int i = 0; i < n; i++) {
            long d = RX_RING + 16L * i;
            ctx.put32(d, DescOwned);
            ctx.put32(d + 4, PKT_BUF_SZ | (i == n - 1 ? DESC_RING_WRAP : 0));
            ctx.put32(d + 8, (int) (RX_BUFS + 2048L * i));
            ctx.put32(d + 12, (int) (RX_RING + 16L * ((i + 1) % n)));
        }
        w(CSR3, (int) RX_RING);
    }

    /** The receive process on (CSR6.SR), nothing else in CSR6. */
    void startRx() {
        w(CSR6, r(CSR6) | RxOn);
    }

    int rdes0(int i) {
        return ctx.get32(RX_RING + 16L * i);
    }

    byte[] rxBuffer(int i, int length) {
        return bytes(RX_BUFS + 2048L * i, length);
    }

    /** Whether RX buffer {@code i} starts with {@code frame}. */
    boolean rxBufferEquals(int i, byte[] frame) {
        return java.util.Arrays.equals(rxBuffer(i, frame.length), frame);
    }

    byte[] bytes(long bus, int length) {
        byte[] b = new byte[length];
        MemorySegment.copy(ctx.memory, ValueLayout.JAVA_BYTE, bus - FakeDeviceContext.MEM_BASE, b, 0, length);
        return b;
    }

    void put(long bus, byte[] data) {
        MemorySegment.copy(MemorySegment.ofArray(data), 0, ctx.memory, bus - FakeDeviceContext.MEM_BASE, data.length);
    }

    /** Gives RX descriptor {@code i} back to the chip. */
    void giveBack(int i) {
        ctx.put32(RX_RING + 16L * i, DescOwned);
    }

    // ---- transmit --------------------------------------------------------------------------------

    /** A TX ring of {@code n} host-owned descriptors, CSR4 pointing at it. */
    void txRing(int n) {
        txCount = n;
        txNext = 0;
        for (int i = 0; i < n; i++) {
            long d = TX_RING + 16L * i;
            ctx.put32(d, 0);
            ctx.put32(d + 4, i == n - 1 ? DESC_RING_WRAP : 0);
            ctx.put32(d + 8, 0);
            ctx.put32(d + 12, (int) (TX_RING + 16L * ((i + 1) % n)));
        }
        w(CSR4, (int) TX_RING);
    }

    long txDesc(int i) {
        return TX_RING + 16L * i;
    }

    int tdes0(int i) {
        return ctx.get32(txDesc(i));
    }

    /** Queues {@code data} in the next TX slot with TDES1 = length | {@code control} (plus TER on the last slot); OWN last. */
    int queue(byte[] data, int control) {
        int i = txNext;
        long buf = TX_BUFS + 2048L * i;
        put(buf, data);
        long d = txDesc(i);
        ctx.put32(d + 4, data.length | control | (i == txCount - 1 ? DESC_RING_WRAP : 0));
        ctx.put32(d + 8, (int) buf);
        ctx.put32(d, DescOwned);
        txNext = (i + 1) % txCount;
        return i;
    }

    /** Queues a single-descriptor frame (FS|LS, plus {@code extra}) and writes the poll demand. */
    int send(byte[] data, int extra) {
        int i = queue(data, TDES1_FS | TDES1_LS | extra);
        w(CSR1, 0);
        return i;
    }

    /**
     * A perfect-filtering setup frame as Linux builds it: every entry broadcast, then
     * {@code addresses} from entry 0, and entry 15 the station address; each 16-bit piece written twice.
     */
    static byte[] perfectSetupFrame(long... addresses) {
        byte[] f = new byte[SETUP_FRAME_LEN];
        java.util.Arrays.fill(f, (byte) 0xFF);
        for (int n = 0; n < addresses.length; n++) {
            putPerfect(f, n, addresses[n]);
        }
        putPerfect(f, 15, MAC);
        return f;
    }

    static void putPerfect(byte[] f, int n, long address) {
        for (int k = 0; k < 3; k++) {
            int hi = (int) (address >>> (40 - 16 * k)) & 0xFF;
            int lo = (int) (address >>> (32 - 16 * k)) & 0xFF;
            int off = n * 12 + 4 * k;
            f[off] = (byte) hi;
            f[off + 1] = (byte) lo;
            f[off + 2] = (byte) hi;
            f[off + 3] = (byte) lo;
        }
    }

    /** Queues a setup frame and lets the transmit process take it (ST on, poll demand). */
    int loadSetupFrame(byte[] setup, int control) {
        int i = queue(setup, TDES1_SET | control);
        if ((r(CSR6) & TxOn) == 0) {
            w(CSR6, r(CSR6) | TxOn);
        } else {
            w(CSR1, 0);
        }
        return i;
    }

    /** What Linux's open does, minus the media: reset, CSR6 cleared, rings, setup frame with the station address, RX and TX on. */
    void open(int rxCount, int txCountWanted) {
        w(CSR0, CSR0_SWR);
        w(CSR0, 0x01A0_8000);
        w(CSR6, 0); // Linux computes CSR6 afresh; the reset value has PR set (C.6)
        rxRing(rxCount);
        txRing(txCountWanted);
        loadSetupFrame(perfectSetupFrame(), 0);
        w(CSR5, nic.chip().validIntrs());
        w(CSR7, nic.chip().validIntrs());
        w(CSR6, r(CSR6) | RxOn | TxOn);
        w(CSR2, 0);
    }

    // ---- frames ----------------------------------------------------------------------------------

    /** An Ethernet frame of {@code length} bytes (no FCS) to {@code dst}, with a recognisable payload. */
    static byte[] frame(long dst, int length) {
        return TestFrames.ethernet(dst, OTHER_MAC, length);
    }

    void offer(byte[] frame) {
        nic.port().frame(MemorySegment.ofArray(frame), frame.length);
    }

    void offerErrored(byte[] frame, FrameError error) {
        nic.port().erroredFrame(MemorySegment.ofArray(frame), frame.length, error);
    }

    long totalsAccounted() {
        return nic.rxFramesTotal() + nic.missedTotal() + nic.rxErrorsTotal() + nic.filteredTotal();
    }

    // ---- SROM, the way Linux's tulip_read_eeprom clocks it --------------------------------------------

    /** Reads SROM {@code location} with {@code addrLen} address bits, returning every bit DO showed (Linux's retval). */
    int readEeprom(int location, int addrLen) {
        int enb = CSR9_RD | CSR9_SR | CSR9_SROM_CS;
        int cmd = location | (6 << addrLen);
        int retval = 0;
        w(CSR9, enb & ~CSR9_SROM_CS);
        w(CSR9, enb);
        for (int i = 4 + addrLen; i >= 0; i--) {
            int data = (cmd & (1 << i)) != 0 ? CSR9_SROM_DI : 0;
            w(CSR9, enb | data);
            w(CSR9, enb | data | CSR9_SROM_SK);
            retval = (retval << 1) | ((r(CSR9) & CSR9_SROM_DO) != 0 ? 1 : 0);
        }
        w(CSR9, enb);
        for (int i = 16; i > 0; i--) {
            w(CSR9, enb | CSR9_SROM_SK);
            retval = (retval << 1) | ((r(CSR9) & CSR9_SROM_DO) != 0 ? 1 : 0);
            w(CSR9, enb);
        }
        w(CSR9, enb & ~CSR9_SROM_CS);
        return retval;
    }
}
